import Foundation

/// One thing the live engine polls. Each has its own interval and request budget.
public enum PollSource: Hashable, Sendable, CustomStringConvertible {
    /// Every page of the partner's channels: the source of truth for the cards.
    case channels
    /// Every page of the partner's clients.
    case clients
    /// The balance of one client that is on screen or focused (1 request per 10 s per client, C10).
    case balance(clientId: String)
    /// The funds of one number on screen whose client pays directly (modeled: sandbox only;
    /// a live connection reports it unsupported and the card shows the client's balance).
    case funds(channelId: String)
    /// Partner change requests, fast while one is pending, slow otherwise.
    case partnerChanges
    /// Refunds, fast while one is pending, slow otherwise (modeled: sandbox only).
    case refunds
    /// The templates of a WABA while one of them is in Meta's review (400 requests a minute
    /// for all templates; the HTTP client paces them).
    case templates(wabaAccountId: String)

    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case channels, clients, balances, funds, partnerChanges = "partner changes", refunds, templates
    }

    public var kind: Kind {
        switch self {
        case .channels: return .channels
        case .clients: return .clients
        case .balance: return .balances
        case .funds: return .funds
        case .partnerChanges: return .partnerChanges
        case .refunds: return .refunds
        case .templates: return .templates
        }
    }

    public var description: String {
        switch self {
        case .balance(let id): return "balance \(id)"
        case .funds(let id): return "funds \(id)"
        case .templates(let waba): return "templates \(waba)"
        default: return kind.rawValue
        }
    }
}

/// At most `limit` requests in any `window` seconds, for one source.
public struct RateBudget: Hashable, Sendable, CustomStringConvertible {
    public var limit: Int
    public var window: Double

    public init(_ limit: Int, per window: Double) {
        precondition(limit > 0 && window > 0)
        self.limit = limit
        self.window = window
    }

    /// The earliest time at or after `now` a request may start, given the recent starts (oldest first).
    func earliest(after starts: [Double], now: Double) -> Double {
        let recent = starts.filter { $0 > now - window }
        guard recent.count >= limit else { return now }
        return recent[recent.count - limit] + window
    }

    public var description: String {
        limit == 1 ? "1 per \(Self.seconds(window))" : "\(limit) per \(Self.seconds(window))"
    }

    static func seconds(_ s: Double) -> String {
        s >= 60 && s.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(s / 60)) min" : "\(Int(s)) s"
    }
}

/// How often a source runs and what it may spend.
public struct PollPolicy: Hashable, Sendable {
    /// Seconds between the end of one poll and the start of the next; 0: only on demand.
    public var interval: Double
    /// Never exceeded, whatever the agent does (refresh now included).
    public var budget: RateBudget
    public var backoffBase: Double = 2
    public var backoffCap: Double = 60

    public init(interval: Double, budget: RateBudget, backoffBase: Double = 2, backoffCap: Double = 60) {
        self.interval = interval
        self.budget = budget
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
    }
}

/// How a poll ended, as the scheduler needs to know it.
public enum PollOutcome: Hashable, Sendable {
    case success
    /// `retryAfter`: the server said when to come back (429); honoured even by refresh now.
    case failure(reason: String, retryAfter: Double?)
    /// The source does not exist here (a modeled endpoint on a live connection): stop polling it.
    case unsupported
    /// Asking again gets the same answer (401, a 404 on the partner, a 403 on one client): the
    /// source waits for the agent's "refresh now" instead of backing off forever. `everything`:
    /// the connection itself is refused, so every source waits.
    case stopped(reason: String, everything: Bool)
}
