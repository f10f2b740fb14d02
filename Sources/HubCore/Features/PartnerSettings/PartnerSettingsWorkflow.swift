import Foundation

/// P5: after a partner change (and at any time) the partner must be allowed to manage the
/// client's numbers: Settings > Partner Settings, select the numbers, Save Changes. The client
/// grants this; the dialog says so. Saving goes through the pipeline (modeled: the live API has
/// no such endpoint, so a live connection hands it to the Hub, audited).
extension AppState {
    mutating func openPartnerSettings() -> [Effect] {
        guard !readOnly else { return [] }
        guard let record = selectedRecord, let clientId = record.channel.resolvedClientId else {
            flash(.warning, "Select a number first: Partner Settings are per client.")
            return []
        }
        let company = client(for: record)?.displayCompany ?? clientId
        let started = now
        present { id in
            var d = Dialog(id: id, feature: PartnerSettingsForm(clientId: clientId), title: "Partner Settings · \(company)",
                           body: .message(["Reading which numbers the partner may manage…"]))
            d.working = ProgressLine("Reading the permissions", startedAt: started)
            return d
        }
        fillPartnerSettings(clientId)
        return [.loadPermissions(clientId: clientId)]
    }

    /// Fills a waiting Partner Settings dialog once the client's permissions are known.
    mutating func fillPartnerSettings(_ clientId: String) {
        guard let d = dialogs.last(PartnerSettingsForm.self, where: { $0.clientId == clientId }), d.working != nil,
              let allowed = permissions[clientId] else { return }
        let numbers = records.values.filter { $0.channel.resolvedClientId == clientId }.sorted { $0.phone < $1.phone }
        let options = numbers.map { SelectList.Option(id: $0.id, label: $0.phone.isEmpty ? $0.id : $0.phone,
                                                      detail: [$0.channel.displayName, $0.lifecycle.label].compactMap { $0 }.joined(separator: " · ")) }
        let form = Form([
            FormField(id: PartnerSettingsForm.Field.note, label: "", kind: .note("The client grants these in their Hub (Menu > Settings > Partner Settings). Ask the client which numbers, then save what they chose.", .muted)),
            FormField(id: PartnerSettingsForm.Field.numbers, label: "Numbers the partner may manage (Space selects, a all)",
                      kind: .select(SelectList(options: options, multiple: true, chosen: allowed, visibleRows: min(10, max(1, options.count))))),
        ], submitLabel: "Save Changes…")
        dialogs.update(d.id) { d in
            d.working = nil
            d.body = .form(form)
            d.preferredHeight = min(10, max(1, options.count)) + 5
        }
    }

    /// Live (no such endpoint) or a refusal: the dialog stops waiting and says what the client
    /// does in their Hub (P5), instead of "Reading…" for ever.
    mutating func partnerSettingsUnavailable(_ clientId: String, _ problem: Problem) {
        guard let d = dialogs.last(PartnerSettingsForm.self, where: { $0.clientId == clientId }) else { return }
        var lines: [String]
        var hubURL: String?
        if case .hubOnly(let url) = problem { hubURL = url }
        if let hubURL {
            lines = ["The Partner API cannot read or save Partner Settings: the client does this in their 360dialog Hub (P5).",
                     "Ask the client to go to Menu > Settings > Partner Settings, select the numbers the partner may manage, and click \"Save Changes\".",
                     hubURL]
        } else {
            lines = ["The numbers the partner may manage could not be read: \(problem).",
                     "Nothing was changed. Try again later, or ask the client to check Menu > Settings > Partner Settings in their Hub."]
        }
        dialogs.update(d.id) { d in
            d.working = nil
            d.body = .message(lines)
            d.preferredHeight = lines.count + 3
            d.notice = hubURL == nil ? Notice(.error, "Not read: nothing was changed.") : Notice(.info, "Nothing is sent from here.")
        }
    }

    mutating func partnerSettingsSubmitted(_ d: Dialog, clientId: String, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result else { return [] }
        let chosen = values.chosen(PartnerSettingsForm.Field.numbers)
        let before = permissions[clientId] ?? []
        let added = chosen.filter { !before.contains($0) }, removed = before.filter { !chosen.contains($0) }.sorted()
        if added.isEmpty && removed.isEmpty {
            dialogs.update(d.id) { $0.notice = Notice(.info, "Nothing changed.") }
            return []
        }
        let phone = { (id: String) in self.records[id].map { $0.phone.isEmpty ? id : $0.phone } ?? id }
        confirmMutation(.setPermissions(clientId: clientId, channelIds: chosen), from: d.id, title: "Save Partner Settings?",
                        message: ["Save the client's choice of the numbers the partner may manage?"],
                        review: ReviewTable([
                            .init("Company", clients[clientId]?.displayCompany ?? clientId, emphasis: .strong),
                            .init("Client ID", clientId),
                            .init("Allowed now", added.isEmpty ? "—" : added.map(phone).joined(separator: ", "), emphasis: .good),
                            .init("No longer", removed.isEmpty ? "—" : removed.map(phone).joined(separator: ", "), emphasis: removed.isEmpty ? .normal : .warning),
                        ]), confirmLabel: "Save Changes")
        return []
    }
}

/// P5: which numbers of a client the partner may manage.
public struct PartnerSettingsForm: DialogFeature {
    public let clientId: String
    enum Field: String, FormKey { case note, numbers }
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] {
        state.partnerSettingsSubmitted(d, clientId: clientId, result)
    }
}
