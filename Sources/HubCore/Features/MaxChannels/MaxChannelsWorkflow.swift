import Foundation

/// C11: how many numbers a client may have. The form is checked before anything is sent; the
/// change is confirmed over it and goes through the operation pipeline with the client's
/// `partner_payload` from the client list.
extension AppState {
    mutating func openMaxChannels() -> [Effect] {
        guard !readOnly else { return [] }
        guard let record = selectedRecord, let client = client(for: record) else {
            flash(.warning, "Select a number first: max channels is set on its client.")
            return []
        }
        let numbers = records.values.filter { $0.channel.resolvedClientId == client.id && $0.channel.terminatedAt == nil }.count
        let current = client.maxChannels
        let lower = max(1, numbers)
        let form = Form([
            FormField(id: MaxChannelsForm.Field.review, label: "", kind: .review(ReviewTable([
                .init("Company legal name", client.displayCompany, emphasis: .strong),
                .init("Client ID", client.id),
                .init("Numbers", "\(numbers)"),
                .init("Max channels now", current.map(String.init) ?? "not set (default 10)"),
            ]))),
            .text(MaxChannelsForm.Field.maxChannels, "Max channels", value: current.map(String.init) ?? "", maxLength: 6,
                  help: "At least \(lower); the default is 10 (C11). The server refuses a value it does not take, and says why.",
                  rules: [.required("Type the number of channels."),
                          .integer(1...999_999, message: "Max channels is a whole number of at least 1."),
                          .integer(lower...Int.max, message: "The client has \(numbers) numbers: max channels cannot be lower.")]),
        ], submitLabel: "Review")
        present { Dialog(id: $0, feature: MaxChannelsForm(clientId: client.id), title: "Max channels", body: .form(form),
                         preferredWidth: 64, preferredHeight: 9) }
        return []
    }

    mutating func maxChannelsSubmitted(_ d: Dialog, clientId: String, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result else { return [] }
        guard let client = clients[clientId], let n = Int(values[MaxChannelsForm.Field.maxChannels].trimmingCharacters(in: .whitespaces)) else { return [] }
        if client.maxChannels == n {
            dialogs.update(d.id) { $0.notice = Notice(.info, "Max channels is \(n) already: nothing to change.") }
            return []
        }
        let mutation = Mutation.setMaxChannels(clientId: clientId, partnerPayload: client.partnerPayload ?? "", maxChannels: n)
        let name = client.displayCompany
        let review = ReviewTable([
            .init("Company legal name", name, emphasis: .strong),
            .init("Client ID", clientId),
            .init("Max channels", "\(client.maxChannels.map(String.init) ?? "default") → \(n)", emphasis: .strong),
        ])
        confirmMutation(mutation, from: d.id, title: "Set max channels?", message: ["Send this change to the Partner API?"], review: review,
                        confirmLabel: "Set \(n)")
        return []
    }
}

/// C11: the max channels form of one client.
public struct MaxChannelsForm: DialogFeature {
    public let clientId: String
    enum Field: String, FormKey { case review, maxChannels = "max_channels" }
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] {
        state.maxChannelsSubmitted(d, clientId: clientId, result)
    }
}
