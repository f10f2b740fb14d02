import Foundation

/// `:audit`: every change asked for from this machine, newest first: time, agent, operation,
/// target, outcome.
extension AppState {
    static let auditColumns = ["Time", "Agent", "Operation", "Target", "Outcome"]
    static let auditWidths = [17, 10, 18, 24, 0]

    mutating func openAudit() -> [Effect] {
        let table = DataTable(columns: Self.auditColumns, widths: Self.auditWidths, rows: [])
        present { Dialog(id: $0, feature: AuditLogList(), title: "Audit log", body: .table(table), notice: Notice(.info, "Loading…"),
                         preferredWidth: 110, preferredHeight: 20) }
        return [.loadAudit]
    }

    mutating func showAudit(_ entries: [AuditEntry]) {
        audit = entries.sorted { $0.time > $1.time }
        guard let d = dialogs.last(AuditLogList.self) else { return }
        let n = names
        let sorted = entries.sorted { $0.time > $1.time }
        let rows = sorted.map {
            [environment.dateTime($0.time), $0.actor, $0.action, peopleTarget($0.target, names: n), $0.result ?? "in flight"]
        }
        dialogs.update(d.id) { d in
            // Row IDs are the entries' places in `audit` (newest first): Enter shows one whole.
            d.body = .table(DataTable(columns: Self.auditColumns, widths: Self.auditWidths, rows: rows, rowIds: sorted.indices.map(String.init)))
            d.notice = entries.isEmpty ? Notice(.info, "Nothing yet: changes you make (max channels, funds, refunds ...) are listed here.") : nil
        }
    }

    /// Enter on a row of the audit log: the entry whole, names first (issue 26): who, when,
    /// what was sent, and what the server answered.
    mutating func showAuditEntry(_ d: Dialog) -> Bool {
        guard case .table(let t) = d.body, let id = t.selectedId, let i = Int(id), let entries = audit, entries.indices.contains(i) else { return false }
        let e = entries[i]
        let n = names
        let lines = [
            "When: \(environment.dateTime(e.time)) (\(Timestamp.format(e.time)))",
            "Who: \(Sanitizer.terminalSafe(e.actor))",
            "What: \(e.action)",
            "On: \(Sanitizer.terminalSafe(peopleTarget(e.target, names: n)))",
            "Sent: \(Sanitizer.oneLine(e.request, max: 600))",
            "Answer: \(Sanitizer.terminalSafe(e.result ?? "none yet (in flight, or interrupted: reconcile asks the server)"))",
        ]
        present { Dialog(id: $0, title: "Audit entry", body: .text(ScrollText(lines)), preferredWidth: 100, preferredHeight: 14) }
        return true
    }
}

/// The audit log list: Enter shows the entry whole.
public struct AuditLogList: DialogFeature {
    public init() {}
    public func key(_ key: EditKey, _ d: Dialog, in state: inout AppState) -> [Effect]? {
        key == .enter && state.showAuditEntry(d) ? [] : nil
    }
    public var listKeys: [KeyHint] { [KeyHint("Enter", "the entry whole", "show-entry", .enter)] }
}
