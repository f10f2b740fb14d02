import HubCore

/// The keys of a dialog, by what has focus: one list feeds the footer, help and the palette.
/// Dialog keys are fixed (a form's keys mean the same everywhere); the keymap remaps the main
/// screen only.
public enum DialogKeys {
    public typealias Hint = KeyHint

    static func hint(_ key: String, _ text: String, _ name: String, _ edit: EditKey?) -> Hint { Hint(key, text, name, edit) }

    public static func hints(_ d: Dialog) -> [Hint] {
        if d.working != nil { return [hint("Esc", "hide (the work goes on)", "hide", .escape)] }
        // The feature may change them (the wizard: Shift-Tab is a step back, Esc leaves it for later).
        return d.owner.state.hints(body: bodyHints(d))
    }

    static func bodyHints(_ d: Dialog) -> [Hint] {
        if d.secret != nil {
            return [hint("v", d.secret?.revealed == true ? "hide" : "show", "show-key", .insert("v")), hint("c", "copy", "copy-key", .insert("c")),
                    hint("h", "health", "check-health", .insert("h")), hint("Enter", "done (the key is gone)", "ok", .enter)]
        }
        switch d.body {
        case .form(let f):
            var list: [Hint] = []
            let last = f.fields.lastIndex { $0.isFocusable } == f.focus
            list.append(hint("Enter", last ? f.submitLabel.lowercased() : "next field", last ? "submit" : "next-field", .enter))
            list.append(hint("Tab", "next", "next-field", .tab))
            list.append(hint("S-Tab", "back", "previous-field", .backtab))
            if case .select(let s)? = f.focusedField?.kind {
                list.append(hint("↑↓", "choose", "", nil))
                if s.multiple { list += [hint("Space", "toggle", "toggle", .space), hint("a", "all/none", "all-or-none", .insert("a"))] }
            } else {
                list.append(hint("Ctrl-U", "clear", "clear-field", .clear))
            }
            list.append(hint("Esc", "cancel", "cancel", .escape))
            return list
        case .confirm(let c):
            if c.typeToConfirm != nil {
                return [hint("type", "to confirm", "", nil), hint("Enter", DialogKeys.sentence(c.confirmLabel), "confirm", .enter),
                        hint("Esc", "cancel", "cancel", .escape)]
            }
            return [hint("Tab/←→", "switch", "switch-button", .tab), hint("Enter", "choose", "choose", .enter),
                    hint("y", DialogKeys.sentence(c.confirmLabel), "", nil), hint("Esc", "cancel", "cancel", .escape)]
        case .text:
            return [hint("↑↓ PgUp PgDn", "scroll", "", nil), hint("End", "to the end", "to-end", .end), hint("Enter", "ok", "ok", .enter),
                    hint("Esc", "close", "close", .escape)]
        case .table(let t) where t.selectable:
            if t.filtering { return [hint("type", "to filter", "", nil), hint("Enter", "keep", "keep-filter", .enter), hint("Esc", "clear", "clear-filter", .escape)] }
            let own = d.owner.state.listKeys // a list's own keys (Users: `a` adds one)
            // Enter on a list without its own meaning closes it, as Esc does (Esc first clears a filter).
            let enterCloses = !own.contains { $0.edit == .enter }
            let close = t.filter.isEmpty ? [hint(enterCloses ? "Esc Enter" : "Esc", "close", "close", .escape)]
                : [hint("Esc", "clear filter", "close", .escape)] + (enterCloses ? [hint("Enter", "close", "ok", .enter)] : [])
            return [hint("↑↓ PgUp PgDn", "move", "", nil), hint("/", "filter", "filter", .insert("/"))] + own + close
        case .table:
            return [hint("↑↓ PgUp PgDn", "scroll", "", nil), hint("Home", "newest", "newest", .home), hint("Esc", "close", "close", .escape)]
        case .message:
            return [hint("Enter", "ok", "ok", .enter), hint("Esc", "close", "close", .escape)]
        }
    }
}

extension DialogKeys {
    /// A button's words as a footer hint: the first letter small, the rest as written
    /// ("Refund 25.00 EUR" -> "refund 25.00 EUR", never "eur").
    static func sentence(_ label: String) -> String {
        guard let first = label.first else { return label }
        return first.lowercased() + label.dropFirst()
    }
}
