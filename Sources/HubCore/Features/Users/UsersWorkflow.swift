import Foundation

/// C8: the hub's team members (`:users`), and Add user (`:add-user`, or `a` there). The form
/// is checked before anything is sent; a duplicate email comes back on the email field.
extension AppState {
    static let userColumns = ["Name", "Email", "Role", "Added"]
    static let userWidths = [20, 30, 8, 0]

    var usersDialog: Dialog? { dialogs.last(UsersList.self) }

    mutating func openUsers() -> [Effect] {
        if let d = usersDialog {
            dialogs.remove(d.id) // one Users list at a time: opened again, it comes to the top
        }
        let table = DataTable(columns: Self.userColumns, widths: Self.userWidths, rows: [], rowIds: [])
        let canAdd = !readOnly
        present { Dialog(id: $0, feature: UsersList(canAdd: canAdd), title: "Users", body: .table(table), notice: Notice(.info, "Loading…"),
                         preferredWidth: 86, preferredHeight: 14) }
        fillUsers()
        return [.loadUsers]
    }

    mutating func usersLoaded(_ list: [HubUser]) {
        users = list
        guard let d = usersDialog else { return }
        let added = d.owned(by: UsersList.self)?.pendingSelection.flatMap { e in list.first { $0.email.lowercased() == e }?.id }
        if added != nil { dialogs.updateState(d.id, as: UsersList.self) { $0.pendingSelection = nil } }
        fillUsers(select: added)
    }

    mutating func usersFailed(_ problem: Problem) {
        guard let d = usersDialog else { return }
        let text: String
        switch problem {
        case .hubOnly(let url): text = "The Partner API has no users endpoint: the team is managed in the Hub, \(url)"
        case .notFound, .failed: text = "The users could not be listed: \(problem)"
        }
        dialogs.update(d.id) { $0.notice = Notice(.warning, text) }
    }

    /// The list in the dialog, oldest first as the Hub lists them; the cursor stays on its user.
    mutating func fillUsers(select: String? = nil) {
        guard let d = usersDialog, let list = users else { return }
        let rows = list.map { [$0.name, $0.email, $0.role, $0.createdAt.map { String(environment.dateTime($0).prefix(10)) } ?? "—"] }
        let readOnly = self.readOnly
        dialogs.update(d.id) { d in
            guard case .table(var t) = d.body else { return }
            t.replaceRows(rows, ids: list.map(\.id))
            if let select { t.select(id: select) }
            d.body = .table(t)
            let add = readOnly ? "" : " a adds one."
            d.notice = list.isEmpty ? Notice(.info, "No team members yet.\(add)") : Notice(.info, "\(list.count) team member\(list.count == 1 ? "" : "s").\(add)")
        }
    }

    mutating func openAddUser() -> [Effect] {
        guard !readOnly else { return [] }
        let taken = Set((users ?? []).map { $0.email.lowercased() })
        let form = Form([
            .text(AddUserForm.Field.name, "Name", maxLength: 100, rules: [.required("Type the person's name.")]),
            // The seed says only that "Add user" adds a team member: no roles, no invitation
            // text is promised here (the server decides what follows).
            .text(AddUserForm.Field.email, "Email", maxLength: 254,
                  rules: [.required("Type an email address."), .email, .notIn(taken, message: "This email is a user of the hub already.")]),
        ], submitLabel: "Review")
        present { Dialog(id: $0, feature: AddUserForm(), title: "Add user", body: .form(form), preferredWidth: 64, preferredHeight: 8) }
        return users == nil ? [.loadUsers] : []
    }

    mutating func addUserSubmitted(_ d: Dialog, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result else { return [] }
        let name = values[AddUserForm.Field.name].trimmingCharacters(in: .whitespaces)
        let email = values[AddUserForm.Field.email].trimmingCharacters(in: .whitespaces)
        let review = ReviewTable([
            .init("Name", name, emphasis: .strong),
            .init("Email", email, emphasis: .strong),
        ])
        confirmMutation(.addUser(name: name, email: email, role: nil), from: d.id, title: "Add this user?",
                        message: ["Add a team member to the hub?"], review: review, confirmLabel: "Add user")
        return []
    }

    /// The user is in the list at once, with the cursor on them; the list is read again behind.
    mutating func userAdded(email: String) -> [Effect] {
        if usersDialog == nil { _ = openUsers() }
        flash(.info, "Added \(email).")
        if let d = usersDialog { dialogs.updateState(d.id, as: UsersList.self) { $0.pendingSelection = email.lowercased() } }
        return [.loadUsers]
    }

    /// `a` on the Users list.
    /// Said where an agent would look for it (issue 26): the API lists and adds users only.
    static let editUsersInHub = "Editing or removing a user is not in the Partner API: do it in the 360dialog Hub (Users tab)."

    mutating func usersKey(_ key: EditKey) -> [Effect]? {
        if key == .insert("e") || key == .insert("d") || key == .deleteForward {
            flash(.info, Self.editUsersInHub)
            return []
        }
        guard key == .insert("a") else { return nil }
        guard !readOnly else { return [] }
        return openAddUser()
    }
}

/// C8: the hub's team members; `a` adds one, unless read-only.
public struct UsersList: DialogFeature {
    public let canAdd: Bool
    /// A user just added: the cursor goes to them when the list comes back.
    var pendingSelection: String?
    public init(canAdd: Bool) { self.canAdd = canAdd }
    public func key(_ key: EditKey, _ d: Dialog, in state: inout AppState) -> [Effect]? {
        d.takesText ? nil : state.usersKey(key)
    }
    /// None of the adding in read-only mode, where it does nothing.
    public var listKeys: [KeyHint] {
        (canAdd ? [KeyHint("a", "add user", "add-user", .insert("a"))] : []) + [KeyHint("e d Del", "edit/remove (Hub)", "edit-user", .insert("e"))]
    }
}

/// C8: the Add user form.
public struct AddUserForm: DialogFeature {
    public init() {}
    /// The server names these in a refusal (a duplicate email).
    enum Field: String, FormKey { case name, email }
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] { state.addUserSubmitted(d, result) }
}
