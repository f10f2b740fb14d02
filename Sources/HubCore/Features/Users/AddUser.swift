import Foundation

/// C8 (modeled). `role` is nil in rows written before roles were chosen (the Hub's default).
/// A new user each time: sent once, then reconciled by email.
struct AddUser: MutationCommand {
    let name: String
    let email: String
    let role: String?

    static let kind = "add-user"
    var target: String { "user \(email)" }
    var safeToRepeat: Bool { false }

    func summary(_ names: MutationNames) -> String { "Add user \(name) <\(email)>\(role.map { " as \($0)" } ?? "")" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let user = try await service.addUser(name: name, email: email, role: role)
        return "user \(user.id)"
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled {
        let users = try await service.users()
        return users.first { $0.email.lowercased() == email.lowercased() }.map { .applied("user \($0.id)") } ?? .notApplied
    }

    /// The user shows in the list at once, with the cursor on them.
    func succeeded(in state: inout AppState) -> [Effect]? { state.userAdded(email: email) }
}
