import Foundation
import HubCore

/// Incoming partner changes (the partner side): other partners' clients ask to move their WABA
/// to this partner, on the sandbox clock. This partner approves them (or the auto-approve
/// setting does), and the approved numbers join its lists on the next poll.
public struct IncomingMove: Sendable {
    public var client: Client
    public var channels: [SandboxChannel]
}

extension SandboxEngine {
    /// Sandbox time between two incoming requests.
    static let incomingEvery: TimeInterval = 12 * 3600

    /// A new request from another partner's client: one WABA with one or two live numbers.
    func spawnIncoming(at simNow: Date) {
        guard let source = world.otherPartners.keys.sorted().first else { return }
        let country = rng.pick(SandboxNames.countries)
        let name = rng.pick(country.names) + " " + rng.pick(country.suffixes)
        let clientId = rng.id(length: 10, suffix: "CL")
        let waba = WabaAccount(id: rng.id(length: 6, suffix: "WA"), status: .approved, fbAccountStatus: .verified, name: name,
                               clientId: clientId, partnerId: world.partner.id,
                               onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo(status: .approved), createdAt: simNow - 86400 * 200)
        let client = Client(id: clientId, name: name, status: .active, maxChannels: 10, organisation: name,
                            contactInfo: ContactInfo(email: "ops@\(clientId.lowercased()).example", country: country.code),
                            partnerPayload: "", createdAt: simNow, paymentModel: .partner)
        let channels: [SandboxChannel] = (0..<rng.int(1...2)).map { _ in
            var ch = Channel(id: rng.id(length: 8, suffix: "CH"), clientId: clientId, accountMode: .live, version: 2, type: "cloud_api",
                             createdAt: simNow - 86400 * 200, modifiedAt: simNow,
                             client: ChannelClient(id: clientId, name: name, organisation: name, contactInfo: client.contactInfo),
                             setupInfo: SetupInfo(phoneNumber: country.dial.filter(\.isNumber) + String(rng.int(100_000_000...999_999_999)),
                                                  phoneName: rng.pick(SandboxNames.displayNames)),
                             wabaAccount: waba)
            ch.integration = Integration(appId: String(rng.int(100_000...999_999)), state: "running")
            return SandboxChannel(channel: ch, prePayment: false, payments: [], balance: nil, usageSinceLatestPayment: nil,
                                  monthUsage: nil, monthConversations: 0)
        }
        let pcr = PartnerChangeRequest(id: rng.id(length: 8, suffix: "PCR"), status: .pending, isFullMigration: true,
                                       sourceClientId: clientId, sourcePartnerId: source, targetPartnerId: world.partner.id,
                                       channelIds: channels.map(\.channel.id), createdAt: simNow, updatedAt: simNow)
        world.partnerChangeRequests[pcr.id] = pcr
        world.incoming[pcr.id] = IncomingMove(client: client, channels: channels)
        world.version += 1
        emit("partner_change_request_created", .object(["id": .string(pcr.id)]))
        if world.autoApprovePartnerChanges { acceptIncoming(pcr.id, at: simNow) }
    }

    /// The numbers of an approved incoming request join this partner.
    func acceptIncoming(_ id: String, at time: Date) {
        guard var pcr = world.partnerChangeRequests[id], let move = world.incoming.removeValue(forKey: id) else { return }
        pcr.status = .completed
        pcr.updatedAt = time
        world.partnerChangeRequests[id] = pcr
        world.clients[move.client.id] = move.client
        world.clientsVersion += 1
        for sc in move.channels { world.channels[sc.channel.id] = sc }
        world.version += 1
        world.membershipVersion += 1
        emit("partner_change_request_approved", .object(["id": .string(id), "status": "completed"]))
    }

    /// Incoming requests arrive every 12 sandbox hours (the first two at once).
    func receiveIncoming(_ simNow: Date) {
        if nextIncomingAt == nil {
            spawnIncoming(at: simNow)
            spawnIncoming(at: simNow)
            nextIncomingAt = simNow + Self.incomingEvery
        }
        while let at = nextIncomingAt, at <= simNow {
            spawnIncoming(at: at)
            nextIncomingAt = at + Self.incomingEvery
        }
    }
}
