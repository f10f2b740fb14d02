import Foundation

/// What the screen shows that the live engine keeps fresh: the balances of the clients whose
/// cards (or rows) are on screen, the focused client (polled first, at the focused pace), and
/// the funds shown on cards. Derived from the state by one selector (`AppState.interest`),
/// held once (`watching`, the last one told), and told to the engine by the `.watch` effect
/// when it changes. The app, the effect runner and the feeds keep no copy of their own.
public struct Interest: Hashable, Sendable {
    public var clients: Set<String>
    public var focused: String?
    public var funds: Set<String>

    public init(clients: Set<String> = [], focused: String? = nil, funds: Set<String> = []) {
        self.clients = clients
        self.focused = focused
        self.funds = funds
    }
}

extension AppState {
    /// What the screen at its current size shows. A grid with no card on screen (too small, a
    /// filter matching nothing, nothing loaded yet) keeps `previous`'s balances and funds:
    /// they come back as they were, without asking the server again.
    public func interest(keeping previous: Interest) -> Interest {
        var i = Interest(focused: selectedClientId)
        if mainView == .clients {
            // The clients view's rows on screen: their balances are the ones shown.
            i.clients = Set(onScreenClientRows(Layout(width: width, height: height, detailsOpen: false)).filter(\.directPayment).map(\.id))
            return i
        }
        let ids = onScreenChannelIDs(layout)
        guard !ids.isEmpty else {
            i.clients = previous.clients
            i.funds = previous.funds
            return i
        }
        for id in ids {
            // Not configured: the balance is how a direct-payment client shows itself (C10).
            if let r = records[id], let c = client(for: r), ClientPayment.of(c, balance: balance(for: r)?.balance) != .partner {
                i.clients.insert(c.id)
                i.funds.insert(id)
            }
        }
        return i
    }
}
