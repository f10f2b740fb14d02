import Foundation

/// The Template Message Manager (C2) of the selected number's WABA (`T`, `:templates`): the
/// list with its filter, a template's whole content, a new one as a checked form, and delete
/// with type-to-confirm. Status changes (submitted -> approved / rejected) come from the live
/// engine as notifications.
extension AppState {
    static let templateColumns = ["Name", "Status", "Category", "Language", "Modified"]
    static let templateWidths = [24, 10, 15, 9, 0]

    func templatesDialog(_ waba: String) -> Dialog? {
        dialogs.last(TemplatesList.self) { $0.wabaAccountId == waba }
    }

    mutating func openTemplates() -> [Effect] {
        guard let record = selectedRecord, let waba = record.channel.wabaAccount?.id ?? record.channel.wabaAccountId else {
            flash(.warning, "Select a number with a WABA account: templates belong to the WABA.")
            return []
        }
        if let d = templatesDialog(waba) { dialogs.remove(d.id) }
        let canEdit = !readOnly
        let table = DataTable(columns: Self.templateColumns, widths: Self.templateWidths, rows: [], rowIds: [])
        let title = "Templates · \(record.channel.wabaAccount?.name.map { Sanitizer.oneLine($0, max: 40) } ?? waba)"
        present { Dialog(id: $0, feature: TemplatesList(wabaAccountId: waba, canEdit: canEdit), title: title, body: .table(table),
                         notice: Notice(.info, "Loading…"), preferredWidth: 96, preferredHeight: 18) }
        fillTemplates(waba)
        return [.loadTemplates(wabaAccountId: waba)]
    }

    static func sortedTemplates(_ list: [Template]) -> [Template] {
        list.sorted { ($0.name ?? "", $0.language ?? "", $0.id) < ($1.name ?? "", $1.language ?? "", $1.id) }
    }

    /// The open manager's rows from `templates[waba]`; the cursor stays on its template.
    mutating func fillTemplates(_ waba: String) {
        guard let d = templatesDialog(waba), let list = templates[waba] else { return }
        let sorted = Self.sortedTemplates(list)
        let rows = sorted.map { t in
            [t.name ?? "(no name)", t.status?.rawValue ?? "?", t.category?.rawValue ?? "—", t.language ?? "—",
             (t.modifiedAt ?? t.createdAt).map { String(environment.dateTime($0).prefix(10)) } ?? "—"]
        }
        let select = d.owned(by: TemplatesList.self)?.pendingSelection.flatMap { name in sorted.first { $0.name == name }?.id }
        if select != nil { dialogs.updateState(d.id, as: TemplatesList.self) { $0.pendingSelection = nil } }
        dialogs.update(d.id) { d in
            guard case .table(var t) = d.body else { return }
            t.replaceRows(rows, ids: sorted.map(\.id))
            if let select { t.select(id: select) }
            d.body = .table(t)
            let pending = list.filter { [.submitted, .pending, .created].contains($0.status) }.count
            var text = list.isEmpty ? "No templates on this WABA yet." : "\(list.count) template\(list.count == 1 ? "" : "s")"
            if pending > 0 { text += ", \(pending) in review (a notification comes when Meta decides)" }
            d.notice = Notice(.info, text + ".")
        }
    }

    /// Keys of the manager: Enter shows a template, `n` a new one, `d` deletes.
    mutating func templatesKey(_ key: EditKey, _ d: Dialog, waba: String, canEdit: Bool) -> [Effect]? {
        guard case .table(let t) = d.body else { return nil }
        switch key {
        case .enter:
            guard let id = t.selectedId else { return [] }
            openTemplateBody(waba: waba, id: id)
            return []
        case .insert("n") where canEdit && !readOnly:
            return openNewTemplate(waba: waba)
        case .insert("d") where canEdit && !readOnly:
            guard let id = t.selectedId, let template = templates[waba]?.first(where: { $0.id == id }) else { return [] }
            deleteTemplate(template, waba: waba)
            return []
        default:
            return nil
        }
    }

    mutating func openTemplateBody(waba: String, id: String) {
        guard let t = templates[waba]?.first(where: { $0.id == id }) else { return }
        let lines = TemplateText.paragraphs(t, dateTime: environment.dateTime)
        present { Dialog(id: $0, title: "Template · \(Sanitizer.oneLine(t.name ?? t.id, max: 60))", body: .text(ScrollText(lines)),
                         preferredWidth: 80, preferredHeight: min(20, lines.count + 2)) }
    }

    mutating func openNewTemplate(waba: String) -> [Effect] {
        let form = Form([
            .text(TemplateField.name, "Name", maxLength: TemplateRules.maxName, help: "Lowercase letters, digits and underscores.",
                  rules: [.required("Type a name for the template."), TemplateRules.nameRule]),
            FormField(id: TemplateField.category, label: "Category",
                      kind: .select(SelectList(options: TemplateRules.categories.map { .init(id: $0.rawValue, label: $0.rawValue) },
                                               chosen: [TemplateCategory.marketing.rawValue], visibleRows: 3))),
            .text(TemplateField.language, "Language", value: "en", maxLength: 6, rules: [.required("Type a language code."), TemplateRules.languageRule]),
            .text(TemplateField.header, "Header (optional)", maxLength: TemplateRules.maxHeader),
            .text(TemplateField.body, "Body", maxLength: TemplateRules.maxBody, help: "Variables are {{1}}, {{2}} … in order.",
                  rules: [.required("Type the message text.")]),
            .text(TemplateField.examples, "Examples", maxLength: TemplateRules.maxBody, help: "One per variable, separated by |: Jakob | 12:30"),
            .text(TemplateField.footer, "Footer (optional)", maxLength: TemplateRules.maxFooter),
            .text(TemplateField.buttons, "Quick replies (optional)", maxLength: 300, help: "Separated by |: Yes | No"),
        ], submitLabel: "Review")
        present { Dialog(id: $0, feature: NewTemplateForm(wabaAccountId: waba), title: "New template", body: .form(form),
                         preferredWidth: 72, preferredHeight: 30) }
        return []
    }

    mutating func newTemplateSubmitted(_ d: Dialog, waba: String, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result else { return [] }
        let problems = TemplateRules.problems(values)
        if !problems.isEmpty {
            let order = (d.form?.fields.map(\.id) ?? []).compactMap(TemplateField.init(rawValue:))
            dialogs.update(d.id) { d in
                // The first field in error ends up with the focus.
                for key in order.reversed() { if let m = problems[key] { d.form?.setError(m, field: key) } }
            }
            return []
        }
        let draft = TemplateRules.draft(values)
        if templates[waba]?.contains(where: { $0.name == draft.name && $0.language == draft.language }) == true {
            dialogs.update(d.id) { $0.form?.setError("\(draft.name) (\(draft.language)) exists on this WABA: choose another name.", field: TemplateField.name) }
            return []
        }
        let vars = TemplateRules.variables(in: values[TemplateField.body]) .map { Set($0).count } ?? 0
        var rows: [ReviewTable.Row] = [
            .init("Name", draft.name, emphasis: .strong),
            .init("Category", draft.category.rawValue),
            .init("Language", draft.language),
            .init("Body", String(values[TemplateField.body].prefix(120))),
            .init("Variables", vars == 0 ? "none" : "\(vars), with examples"),
        ]
        if !values[TemplateField.buttons].isEmpty { rows.append(.init("Quick replies", values[TemplateField.buttons])) }
        confirmMutation(.createTemplate(wabaAccountId: waba, draft: draft), from: d.id, title: "Submit this template?",
                        message: ["Submit it to Meta for review? It can be used once it is approved."], review: ReviewTable(rows),
                        confirmLabel: "Submit")
        return []
    }

    /// Delete cannot be undone: the agent types the template's name.
    mutating func deleteTemplate(_ t: Template, waba: String) {
        let name = t.name ?? t.id
        let review = ReviewTable([
            .init("Template", name, emphasis: .strong),
            .init("Language", t.language ?? "—"),
            .init("Status", t.status?.rawValue ?? "?"),
            .init("WABA", waba),
        ])
        confirmMutation(.deleteTemplate(wabaAccountId: waba, templateId: t.id, name: name), from: nil, title: "Delete template?",
                        message: ["Delete this template? Messages can no longer be sent with it, and this cannot be undone."],
                        review: review, confirmLabel: "Delete", typeToConfirm: name)
    }
}

/// A template's whole content as paragraphs for a scrolling text, every server string made safe.
public enum TemplateText {
    public static func paragraphs(_ t: Template, dateTime: (Date) -> String) -> [String] {
        func safe(_ s: String) -> [String] { s.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.terminalSafe(String($0)) } }
        var out: [String] = []
        let status = t.status?.rawValue ?? "?"
        out.append("\(Sanitizer.oneLine(t.name ?? t.id, max: 200)) · \(status) · \(t.category?.rawValue ?? "—") · \(t.language ?? "—")")
        if t.status == .rejected, let why = t.rejectedReason, why != "NONE" { out.append("Rejected: \(Sanitizer.oneLine(why, max: 300))") }
        if let q = t.qualityScore?.score { out.append("Quality: \(Sanitizer.oneLine(q, max: 40))") }
        for c in t.components ?? [] {
            let type = c["type"]?.stringValue?.uppercased() ?? "?"
            out.append("")
            switch type {
            case "HEADER":
                out.append("Header" + (c["format"]?.stringValue.map { " (\(Sanitizer.oneLine($0, max: 20)))" } ?? ""))
                if let text = c["text"]?.stringValue { out += safe(text).map { "  " + $0 } }
            case "BODY":
                out.append("Body")
                let text = c["text"]?.stringValue ?? ""
                out += safe(text).map { "  " + $0 }
                let examples = c["example"]?["body_text"].flatMap { v -> [JSONValue]? in
                    if case .array(let outer) = v, case .array(let inner)? = outer.first { return inner }
                    return nil
                } ?? []
                let numbers: [Int] = TemplateRules.variables(in: text).map { Array(Set($0)).sorted() } ?? []
                for (n, value) in numbers.enumerated() {
                    let example = examples.indices.contains(n) ? examples[n].stringValue ?? "" : "(no example)"
                    out.append("  {{\(value)}} = \(Sanitizer.oneLine(example, max: 100))")
                }
            case "FOOTER":
                out.append("Footer")
                if let text = c["text"]?.stringValue { out += safe(text).map { "  " + $0 } }
            case "BUTTONS":
                out.append("Buttons")
                if case .array(let buttons)? = c["buttons"] {
                    for b in buttons {
                        let kind = b["type"]?.stringValue ?? "?"
                        out.append("  [\(Sanitizer.oneLine(b["text"]?.stringValue ?? "", max: 40))] \(Sanitizer.oneLine(kind, max: 20))")
                    }
                }
            default:
                out.append(Sanitizer.oneLine(type, max: 30))
            }
        }
        out.append("")
        out.append("ID \(Sanitizer.oneLine(t.id, max: 60))"
                   + (t.createdAt.map { " · created \(dateTime($0))" } ?? "")
                   + (t.modifiedAt.map { " · modified \(dateTime($0))" } ?? ""))
        return out
    }
}

/// The Template Message Manager of a WABA: Enter views, `n` and `d` when it may change them.
public struct TemplatesList: DialogFeature {
    public let wabaAccountId: String
    public let canEdit: Bool
    /// A template just submitted: the cursor goes to it when the list comes back.
    var pendingSelection: String?
    public init(wabaAccountId: String, canEdit: Bool) {
        self.wabaAccountId = wabaAccountId
        self.canEdit = canEdit
    }
    public func key(_ key: EditKey, _ d: Dialog, in state: inout AppState) -> [Effect]? {
        d.takesText ? nil : state.templatesKey(key, d, waba: wabaAccountId, canEdit: canEdit)
    }
    public var listKeys: [KeyHint] {
        [KeyHint("Enter", "view", "view-template", .enter)]
            + (canEdit ? [KeyHint("n", "new", "new-template", .insert("n")), KeyHint("d", "delete", "delete-template", .insert("d"))] : [])
    }
}

/// A new template's form.
public struct NewTemplateForm: DialogFeature {
    public let wabaAccountId: String
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] {
        state.newTemplateSubmitted(d, waba: wabaAccountId, result)
    }
}
