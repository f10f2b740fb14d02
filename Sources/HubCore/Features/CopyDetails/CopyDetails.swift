import Foundation

/// Copy details (`y`): the selected number's facts as plain text, for a support ticket or a
/// message to the client; copied with OSC 52 when the agent allowed it (`osc52_clipboard`).
/// The whole feature is this folder; outside it, one case and one descriptor register it
/// (docs/architecture.md, "Adding a feature").
extension AppState {
    mutating func copySelectedDetails() -> [Effect] {
        guard let record = selectedRecord else {
            flash(.info, "No number selected to copy.")
            return []
        }
        guard environment.clipboard else {
            flash(.info, "Copying is off: set osc52_clipboard = true under [ui] in config.toml (the terminal must allow OSC 52).")
            return []
        }
        let who = [record.phone, record.company].filter { !$0.isEmpty }.joined(separator: ", ")
        flash(.info, "Copied the details of \(who.isEmpty ? record.id : who) (OSC 52).")
        return [.copyToClipboard(Secret(CopyDetails.text(record, self)))]
    }
}

public enum CopyDetails {
    /// People first, then the IDs support asks for; one "Label: value" per line, nothing from
    /// the server unsanitised.
    public static func text(_ r: ChannelRecord, _ s: AppState) -> String {
        let ch = r.channel
        var status = r.lifecycle.label
        if case .error(let m?) = r.lifecycle { status += ": \(m)" }
        let lines: [(String, String?)] = [
            ("Number", r.phone.isEmpty ? nil : r.phone),
            ("Display name", ch.displayName),
            ("Company legal name", r.company.isEmpty ? nil : r.company),
            ("Status", status),
            ("Actions required", r.actions.isEmpty ? nil : r.actions.map(\.instruction).joined(separator: "; ")),
            ("Hosting Platform Type", ch.hostingPlatform.description),
            ("Partner", s.partner.map { "\($0.brandName ?? $0.id) (\($0.id))" }),
            ("Channel ID", ch.id),
            ("Client ID", ch.resolvedClientId),
            ("WABA account", [ch.wabaAccount?.id ?? ch.wabaAccountId, ch.wabaAccount?.name].compactMap { $0 }.joined(separator: " · ")),
            ("Created", ch.createdAt.map(s.environment.dateTime)),
        ]
        return lines.compactMap { label, value in value.flatMap { $0.isEmpty ? nil : "\(label): \(Sanitizer.oneLine($0, max: 300))" } }.joined(separator: "\n") + "\n"
    }
}
