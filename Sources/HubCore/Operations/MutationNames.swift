import Foundation

/// How a change names what it acts on for people: the company, the number in +E.164, the
/// WABA's name and the partner's brand first, the ID second ("Set max channels of Acme GmbH
/// (client pO4g…CL) to 20"). Each lookup answers nil when the name is not known, and the ID
/// stands alone, as it did before.
public struct MutationNames: Sendable {
    public var client: @Sendable (String) -> String?
    public var channel: @Sendable (String) -> String?
    public var waba: @Sendable (String) -> String?
    public var partner: @Sendable (String) -> String?
    public var request: @Sendable (String) -> String?

    public init(client: @escaping @Sendable (String) -> String? = { _ in nil }, channel: @escaping @Sendable (String) -> String? = { _ in nil },
                waba: @escaping @Sendable (String) -> String? = { _ in nil }, partner: @escaping @Sendable (String) -> String? = { _ in nil },
                request: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.client = client
        self.channel = channel
        self.waba = waba
        self.partner = partner
        self.request = request
    }

    /// IDs only (the CLI and the pipeline's own notes, where no names are at hand).
    public static let ids = MutationNames()

    func clientText(_ id: String) -> String { client(id).map { "\($0) (client \(id))" } ?? "client \(id)" }
    func channelText(_ id: String) -> String { channel(id).map { "\($0) (channel \(id))" } ?? "channel \(id)" }
    func wabaText(_ id: String) -> String { waba(id).map { "WABA \($0) (\(id))" } ?? "WABA \(id)" }
    func partnerText(_ id: String) -> String { partner(id).map { "\($0) (\(id))" } ?? id }
    func requestText(_ id: String) -> String { request(id).map { "partner change request \(id) (\($0))" } ?? "partner change request \(id)" }
}

extension Mutation {
    /// One line for people, names first: "Set max channels of Acme GmbH (client X) to 20".
    public func summary(_ names: MutationNames) -> String {
        switch self {
        case .setMaxChannels(let id, _, let n): return "Set max channels of \(names.clientText(id)) to \(n)"
        case .addFunds(let id, let amount): return "Add funds \(amount) to \(names.channelText(id))"
        case .requestRefund(let id, let total): return "Refund \(total.map { "\($0) " } ?? "")of \(names.channelText(id))"
        case .submitPartnerChange(_, let waba, let target, _, _): return "Change partner of \(names.wabaText(waba)) to \(names.partnerText(target))"
        case .confirmPaymentMethod(_, let id): return "Confirm the payment method for \(names.requestText(id))"
        case .withdrawPartnerChange(let waba, let id): return "Withdraw \(names.requestText(id)) of \(names.wabaText(waba))"
        case .approvePartnerChange(let id): return "Approve incoming \(names.requestText(id))"
        case .setPermissions(let id, let ids): return "Let the partner manage \(ids.count) number\(ids.count == 1 ? "" : "s") of \(names.clientText(id))"
        case .setAutoApprove(let on): return "Turn automatic approval of incoming partner change requests \(on ? "on" : "off")"
        case .createTemplate(let waba, let draft): return "Create template \(draft.name) (\(draft.language), \(draft.category.rawValue)) on \(names.wabaText(waba))"
        case .deleteTemplate(let waba, let id, let name): return "Delete template \(name) (\(id)) of \(names.wabaText(waba))"
        case .generateAPIKey(let id): return "Generate a new API key for \(names.channelText(id)) (the old keys stop working)"
        case .addUser(let name, let email, let role): return "Add user \(name) <\(email)>\(role.map { " as \($0)" } ?? "")"
        }
    }
}
