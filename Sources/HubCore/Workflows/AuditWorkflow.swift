import Foundation

/// `:audit`: every change asked for from this machine, newest first: time, agent, operation,
/// target, outcome.
extension AppState {
    static let auditColumns = ["Time", "Agent", "Operation", "Target", "Outcome"]
    static let auditWidths = [17, 10, 18, 24, 0]

    mutating func openAudit() -> [Effect] {
        let table = DataTable(columns: Self.auditColumns, widths: Self.auditWidths, rows: [])
        present { Dialog(id: $0, purpose: .auditLog, title: "Audit log", body: .table(table), notice: Notice(.info, "Loading…"),
                         preferredWidth: 110, preferredHeight: 20) }
        return [.loadAudit]
    }

    mutating func showAudit(_ entries: [AuditEntry]) {
        audit = entries
        guard let d = dialogs.items.last(where: { $0.purpose == .auditLog }) else { return }
        let n = names
        let rows = entries.sorted { $0.time > $1.time }.map {
            [environment.dateTime($0.time), $0.actor, $0.action, peopleTarget($0.target, names: n), $0.result ?? "in flight"]
        }
        dialogs.update(d.id) { d in
            d.body = .table(DataTable(columns: Self.auditColumns, widths: Self.auditWidths, rows: rows))
            d.notice = entries.isEmpty ? Notice(.info, "Nothing yet: changes you make (max channels, funds, refunds ...) are listed here.") : nil
        }
    }
}
