import Foundation
import HubCore

/// docs/keymap.md's tables, generated from the tables keys are dispatched from: `Keymap`
/// (the main screen), `EditKeys` (every dialog), `DialogKeys` (each dialog's own keys, the
/// footer's source) and `OverlayKeys`. A test keeps the page equal to this.
public enum KeymapDoc {
    public static let begin = "<!-- generated: KeymapDoc (edit the key tables, then UPDATE_SNAPSHOTS=1 swift test --filter KeymapDocTests) -->"
    public static let end = "<!-- end generated -->"

    public static func markdown(_ keymap: Keymap = Keymap()) -> String {
        var out: [String] = [begin, "", "## Main screen", "", "| command | default keys | what it does |", "|---|---|---|"]
        for c in Command.allCases {
            out.append("| `\(c.rawValue)` | \(keymap.keys(c).map { "`\($0.label)`" }.joined(separator: " ")) | \(c.doc) |")
        }
        out += ["", "## In every dialog", "",
                "Dialog keys are fixed, like a form's keys in any form library: the keymap above remaps the",
                "main screen only, so typing in a field always means the same thing.", "",
                "| key | in a form | in a confirm |", "|---|---|---|"]
        for row in EditKeys.table {
            out.append("| \(row.keys.map { "`\(Key($0.name).label)`" }.joined(separator: " ")) | \(row.form) | \(row.confirm) |")
        }
        out.append("| `F1` (`?` when no field has focus) | help for this dialog | the same |")
        out.append("| `Ctrl-P` (`:` when no field has focus) | the palette with this dialog's commands | the same |")
        out += ["", "## Each dialog's own keys", "",
                "What the footer of each kind of dialog offers (the same list feeds the footer, the help and the palette).", ""]
        for (name, dialog) in samples {
            out += ["### \(name)", "", "| key | does |", "|---|---|"]
            for h in DialogKeys.hints(dialog) { out.append("| `\(h.key)` | \(h.text) |") }
            out.append("")
        }
        out += ["## Overlays and the filter line", ""]
        let overlays: [(String, [OverlayKeys.Binding])] = [
            ("Help (`?`): `Esc`, `F1`, `q` or `?` close it", OverlayKeys.help),
            ("Notification center (`n`): `Esc`, `F1`, `q` or `n` close it", OverlayKeys.notifications),
            ("Overview (`O`): `Esc`, `F1`, `q` or `O` close it", OverlayKeys.overview),
            ("Command palette (`:`): type to search", OverlayKeys.palette),
            ("The filter line (`/`): type to filter", OverlayKeys.filterLine),
        ]
        for (name, table) in overlays {
            out += ["### \(name)", "", "| key | does |", "|---|---|"]
            for b in table { out.append("| `\(b.label)` | \(b.text) |") }
            out.append("")
        }
        out.append(end)
        return out.joined(separator: "\n")
    }

    /// One dialog of each kind whose keys differ, as the workflows open them.
    static var samples: [(String, Dialog)] {
        let choice = SelectList(options: [.init(id: "a", label: "A"), .init(id: "b", label: "B")])
        let several = SelectList(options: [.init(id: "a", label: "A"), .init(id: "b", label: "B")], multiple: true)
        func form(_ fields: [FormField], _ feature: any DialogFeature = AddUserForm()) -> Dialog {
            Dialog(id: 1, feature: feature, title: "", body: .form(Form(fields, submitLabel: "Review")))
        }
        var filtering = DataTable(columns: ["Name"], widths: [10], rows: [["a"]], rowIds: ["a"])
        filtering.handle(.insert("/"), height: 5)
        var apiKey = Dialog(id: 1, feature: APIKeyShown(channelId: "c"), title: "", body: .message([]))
        apiKey.secret = SecretField(Secret("k"))
        var working = Dialog(id: 1, title: "", body: .message([]))
        working.working = ProgressLine("Sending", startedAt: Date(timeIntervalSince1970: 0))
        let list = DataTable(columns: ["Name"], widths: [10], rows: [["a"]], rowIds: ["a"])
        return [
            ("A form, on a text field (Add user, Add funds, Max channels, export, a new template)",
             form([.text("name", "Name"), .text("email", "Email")])),
            ("A form, on its last field", form([.text("name", "Name")])),
            ("A form, on a choice", form([FormField(id: "c", label: "Category", kind: .select(choice))])),
            ("A form, on a list of several choices (Partner Settings, the wizard's numbers)",
             form([FormField(id: "c", label: "Numbers", kind: .select(several)), .text("x", "X")])),
            ("A confirm", Dialog(id: 1, title: "", body: .confirm(Confirm(message: [], confirmLabel: "Save Changes")))),
            ("A confirm typed to arm (refund, API key, approve, auto-approve, delete a template)",
             Dialog(id: 1, title: "", body: .confirm(Confirm(message: [], confirmLabel: "Refund 55.00 EUR", typeToConfirm: "+49301234567")))),
            ("Text (a template, an audit entry, a health answer)", Dialog(id: 1, title: "", body: .text(ScrollText([])))),
            ("A message (a result, a hand-off to the Hub)", Dialog(id: 1, title: "", body: .message([]))),
            ("The audit log (`A`)", Dialog(id: 1, feature: AuditLogList(), title: "", body: .table(list))),
            ("A list while its filter is typed", Dialog(id: 1, feature: AuditLogList(), title: "", body: .table(filtering))),
            ("Users (`U`)", Dialog(id: 1, feature: UsersList(canAdd: true), title: "", body: .table(list))),
            ("Template Message Manager (`T`)", Dialog(id: 1, feature: TemplatesList(wabaAccountId: "w", canEdit: true), title: "", body: .table(list))),
            ("A new API key, shown once (`K`)", apiKey),
            ("The partner change wizard (`c`), on a step's form", form([.text("partner_id", "Destination Partner ID")], PartnerChangeDialog(wabaAccountId: "w"))),
            ("Any dialog while its request is in flight", working),
        ]
    }
}
