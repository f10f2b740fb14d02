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
