/// Cards by state (issue 26): `f` cycles, the palette names each (`filter needs-action` ...),
/// and it combines with the `/` text filter. Esc (back) clears it.
public enum StateFilter: String, CaseIterable, Hashable, Sendable {
    case all
    case needsAction = "needs-action"
    case error
    case pending
    case unregistered
    case pendingDeletion = "pending-deletion"
    case draft
    case live

    public func matches(_ r: ChannelRecord) -> Bool {
        switch self {
        case .all: return true
        case .needsAction: return r.needsAction
        case .error: return r.lifecycle.kind == .error
        // Pending as the card says it: Embedded numbers on their way, and Classic ones short of ready.
        case .pending: return r.lifecycle.kind == .pending || r.lifecycle.kind == .classic
        case .unregistered: return r.lifecycle.kind == .unregistered
        // Being deleted by the lifecycle or by terminated_at on a number still Live.
        case .pendingDeletion: return r.lifecycle.kind == .pendingDeletion || r.deletionPendingSince != nil
        case .draft: return r.lifecycle.kind == .draft
        case .live: return r.lifecycle.kind == .live
        }
    }

    /// How the title line says it.
    public var label: String {
        switch self {
        case .all: return "all"
        case .needsAction: return "need action"
        case .error: return "Error"
        case .pending: return "Pending"
        case .unregistered: return "Unregistered"
        case .pendingDeletion: return "Pending deletion"
        case .draft: return "Draft"
        case .live: return "Live"
        }
    }

    /// The next one `f` goes to.
    public var next: StateFilter {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}
