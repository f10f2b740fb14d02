import Foundation
import HubCore

/// What the team's poller announces, in order (a row of `team_event`, its seq in a NOTIFY):
/// the actions of the live engine that every agent's screen needs, as JSON.
public enum TeamEvent: Codable, Sendable {
    /// One poll's changes to the lists (the snapshot tables were updated in the same
    /// transaction).
    case changes(partner: Partner?, clients: ListDelta<Client>, channels: ListDelta<HubCore.Channel>, asOf: Date)
    /// The snapshot tables were written anew: read them again.
    case snapshot(asOf: Date)
    case notify(HubNotification)
    case balance(clientId: String, ClientBalance)
    case clientDataFailed(clientId: String, reason: String)
    case funds(ChannelFunds)
    case partnerChanges([PartnerChangeRequest])
    case templates(wabaAccountId: String, [Template])
    case status(LiveStatus)

    /// The `team_event.kind` column (for people reading the table).
    public var kind: String {
        switch self {
        case .changes: return "changes"
        case .snapshot: return "snapshot"
        case .notify: return "notify"
        case .balance: return "balance"
        case .clientDataFailed: return "client-data-failed"
        case .funds: return "funds"
        case .partnerChanges: return "partner-changes"
        case .templates: return "templates"
        case .status: return "status"
        }
    }

    /// The event an engine action becomes, if agents need it (nil: the poller's own business,
    /// or a full snapshot, which the publisher writes to the tables instead).
    public init?(_ action: Action) {
        switch action {
        case .snapshotChanged(let partner, let clients, let channels, let asOf): self = .changes(partner: partner, clients: clients, channels: channels, asOf: asOf)
        case .notify(let n): self = .notify(n)
        case .balanceLoaded(let id, let b): self = .balance(clientId: id, b)
        case .clientDataFailed(let id, let reason): self = .clientDataFailed(clientId: id, reason: reason)
        case .fundsLoaded(let f): self = .funds(f)
        case .partnerChangesLoaded(let list): self = .partnerChanges(list)
        case .templatesLoaded(let waba, let list): self = .templates(wabaAccountId: waba, list)
        case .liveStatusChanged(let s): self = .status(s)
        default: return nil
        }
    }

    /// What the agent's store is handed (`.snapshot` is read from the tables by the feed).
    public var action: Action? {
        switch self {
        case .changes(let partner, let clients, let channels, let asOf): return .snapshotChanged(partner: partner, clients: clients, channels: channels, asOf: asOf)
        case .snapshot: return nil
        case .notify(let n): return .notify(n)
        case .balance(let id, let b): return .balanceLoaded(clientId: id, b)
        case .clientDataFailed(let id, let reason): return .clientDataFailed(clientId: id, reason: reason)
        case .funds(let f): return .fundsLoaded(f)
        case .partnerChanges(let list): return .partnerChangesLoaded(list)
        case .templates(let waba, let list): return .templatesLoaded(wabaAccountId: waba, list)
        case .status(let s): return .liveStatusChanged(s)
        }
    }
}

/// What agents ask of the poller (a NOTIFY on `partnerhub_control`, JSON): lost when no
/// poller listens, which is right: a new one reads the interest table when it starts.
public struct TeamControl: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case refresh, settlement, interest, followTemplate }
    public var kind: Kind
    public var connection: String
    public var waba: String?
    public var name: String?

    public init(_ kind: Kind, connection: String, waba: String? = nil, name: String? = nil) {
        self.kind = kind
        self.connection = connection
        self.waba = waba
        self.name = name
    }
}

enum TeamChannel {
    /// Payload: "<seq>" of the newest event (agents read every event after their last).
    static let events = "partnerhub_events"
    static let control = "partnerhub_control"
}

/// NIO has a `Channel` too; in this module the word means a WhatsApp number.
typealias Channel = HubCore.Channel
