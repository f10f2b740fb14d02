import Foundation
import HubCore
import HubSandbox
@testable import HubTUI

/// A fixed world and a frozen clock: the same frame every run.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_763_812_800) // 2025-11-22T12:00:00Z
    static let reference = Date(timeIntervalSince1970: 1_763_769_600)

    static func world(clients: Int = 14, seed: UInt64 = 3) -> SandboxWorld {
        SandboxGenerator.generate(.init(seed: seed, clients: clients, partnerId: "sandboxPA", reference: reference))
    }

    /// A loaded state with balances for the direct-payment clients.
    /// A number's funds as the sandbox's funds endpoint would give them.
    static func funds(_ channelId: String, in w: SandboxWorld = world()) -> ChannelFunds {
        let sc = w.channels[channelId]
        return ChannelFunds(channelId: channelId, prePayment: sc?.prePayment ?? false, balance: sc?.balance,
                            usageSinceLatestPayment: sc?.usageSinceLatestPayment, billableConversationsSinceLatestPayment: sc?.conversationsSinceLatestPayment,
                            payments: sc?.payments ?? [], refunds: [])
    }

    static func state(clients: Int = 14, seed: UInt64 = 3, mode: AppState.Mode = .sandbox, readOnly: Bool = false,
                      environment: AppEnvironment = environment) -> AppState {
        let w = world(clients: clients, seed: seed)
        var s = AppState(mode: mode, readOnly: readOnly, now: now, environment: environment)
        _ = reduce(&s, .snapshotLoaded(partner: w.partner, clients: Array(w.clients.values), channels: w.channelList(), asOf: now, fromCache: false))
        for (id, client) in w.clients where client.isDirectPayment {
            let channels = w.channels.values.filter { $0.channel.clientId == id }
            let currency = channels.compactMap { $0.balance?.currency }.first ?? .eur
            let total = channels.reduce(Money.zero(currency)) { $0 + ($1.balance ?? .zero(currency)) }
            _ = reduce(&s, .balanceLoaded(clientId: id, ClientBalance(currency: currency, balance: total)))
        }
        _ = reduce(&s, .liveStatusChanged(LiveStatus(phase: .idle, lastSuccess: now)))
        return s
    }

    static let environment = AppEnvironment(agent: "agent", workingDirectory: "/tmp/exports", sessionId: "test", timeZone: TimeZone(identifier: "UTC")!)

    static let context = context(readOnly: false)

    static func context(readOnly: Bool) -> RenderContext {
        RenderContext(glyphs: .unicode, monochrome: false, keymap: Keymap(readOnly: readOnly),
                      themes: ["ansi16", "default", "high-contrast", "light", "mono"], timeZone: TimeZone(identifier: "UTC")!)
    }
}
