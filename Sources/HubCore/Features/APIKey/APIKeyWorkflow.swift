import Foundation

/// C15, C16 and the Generate API key of the reference (§7): a new key for a running,
/// permitted number, confirmed by typing the number (it revokes the old keys); the key shown
/// once, masked, copied with OSC 52 when the agent turned that on; and the messaging health
/// of the number behind a key, at most once per 5 minutes per key.
extension AppState {
    mutating func openGenerateAPIKey() -> [Effect] {
        guard !readOnly else { return [] }
        guard let r = selectedRecord else {
            flash(.warning, "Select a number first: an API key belongs to one number.")
            return []
        }
        guard r.channel.integration?.isRunning == true, r.channel.terminatedAt == nil else {
            presentMessage("Generate API key", ["\(r.phone.isEmpty ? r.id : r.phone) is not running.",
                                                "An API key can be generated only for a running number."],
                           notice: Notice(.info, "Nothing was sent."))
            return []
        }
        if let clientId = r.channel.resolvedClientId, clients[clientId]?.isDirectPayment == true,
           let allowed = permissions[clientId], !allowed.contains(r.id) {
            presentMessage("Generate API key", ["The client has not granted the partner permission for \(r.phone).",
                                                "The client grants it in its Client Hub (Partner Settings, P, shows what is granted)."],
                           notice: Notice(.info, "Nothing was sent."))
            return []
        }
        let typed = r.phone.isEmpty ? r.id : r.phone
        let review = ReviewTable([
            .init("Number", r.phone, emphasis: .strong),
            .init("Company legal name", r.company, emphasis: .strong),
            .init("Hosting platform", r.channel.hostingPlatform.description),
            .init("Channel ID", r.id),
        ])
        confirmMutation(.generateAPIKey(channelId: r.id), from: nil, title: "Generate API key?",
                        message: ["A new key revokes every existing key of this number: the client's integration stops sending until it uses the new key."],
                        review: review,
                        notice: Notice(.warning, "The old keys stop working at once. The new key is shown once."),
                        confirmLabel: "Generate", typeToConfirm: typed, acceptsSuffix: typed.filter(\.isNumber).count >= 6 ? 4 : nil)
        return []
    }

    /// The key, once: masked, `v` shows it, `c` copies it, `h` checks its health.
    mutating func apiKeyReady(channelId: String, _ key: Secret, address: String?) {
        let phone = records[channelId]?.phone ?? channelId
        var lines = ["New API key of \(phone). It is shown once: copy it now, partnerhub does not keep it."]
        if let address { lines.append("Messaging host: \(Sanitizer.oneLine(address, max: 80))") }
        let copy = environment.clipboard ? "c copies it (OSC 52)" : "copying is off (osc52_clipboard under [ui])"
        lines.append("v shows or hides it, \(copy), h checks the number's health with it.")
        present { id in
            var d = Dialog(id: id, feature: APIKeyShown(channelId: channelId), title: "API key", body: .message(lines),
                           notice: Notice(.success, "Generated. The old keys of this number no longer work."), preferredWidth: 72,
                           preferredHeight: lines.count + 4)
            d.secret = SecretField(key)
            return d
        }
    }

    /// Keys of the key dialog; nil for the others (Enter and Esc close it, and the key is gone).
    mutating func apiKeyKey(_ key: EditKey, _ d: Dialog, channelId: String) -> [Effect]? {
        guard let secret = d.secret else { return nil }
        switch key {
        case .insert("v"):
            dialogs.update(d.id) { $0.secret?.revealed.toggle() }
            return []
        case .insert("c"):
            guard environment.clipboard else {
                dialogs.update(d.id) { $0.notice = Notice(.info, "Copying is off: set osc52_clipboard = true under [ui] in config.toml (the terminal must allow OSC 52).") }
                return []
            }
            dialogs.update(d.id) { $0.notice = Notice(.success, "Copied to the clipboard (OSC 52).") }
            return [.copyToClipboard(secret.secret)]
        case .insert("h"):
            return checkHealth(channelId: channelId, apiKey: secret.value)
        default:
            return nil
        }
    }

    /// `:health`: the key to check, pasted (masked) for the selected number.
    mutating func openHealth() -> [Effect] {
        guard let r = selectedRecord else {
            flash(.warning, "Select a number first: its hosting platform decides which health endpoint is asked.")
            return []
        }
        let form = Form([
            FormField(id: HealthForm.Field.review, label: "", kind: .review(ReviewTable([
                .init("Number", r.phone, emphasis: .strong),
                .init("Hosting platform", r.channel.hostingPlatform.description),
            ]))),
            .text(HealthForm.Field.apiKey, "API key of the number", maxLength: 200, masked: true, help: "Paste it; it is not kept. One check per key every 5 minutes.",
                  rules: [.required("Paste the number's API key.")]),
        ], submitLabel: "Check")
        present { Dialog(id: $0, feature: HealthForm(channelId: r.id), title: "Messaging health", body: .form(form), preferredWidth: 64, preferredHeight: 8) }
        return []
    }

    mutating func healthSubmitted(_ d: Dialog, channelId: String, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result else { return [] }
        dialogs.remove(d.id)
        return checkHealth(channelId: channelId, apiKey: values[HealthForm.Field.apiKey].trimmingCharacters(in: .whitespaces))
    }

    mutating func checkHealth(channelId: String, apiKey: String) -> [Effect] {
        let platform = records[channelId]?.channel.hostingPlatform ?? .unknown
        let id = present { Dialog(id: $0, feature: HealthResult(channelId: channelId), title: "Messaging health",
                                  body: .message(["Asking the \(platform == .cloudAPI ? "Cloud API health status" : "on-premise /v1/health") of the number…"]),
                                  preferredWidth: 72, preferredHeight: 8) }
        let now = self.now
        dialogs.update(id) { $0.working = ProgressLine("Checking health", startedAt: now) }
        return [.checkHealth(channelId: channelId, platform: platform, apiKey: Secret(apiKey), dialog: id)]
    }

    mutating func healthChecked(dialog: Int, channelId: String, _ report: HealthReport) {
        let phone = records[channelId]?.phone ?? ""
        var lines: [String] = []
        var level: Notice.Level = .info
        if let h = report.health {
            let what = report.platform == .cloudAPI ? "can send messages: \(Sanitizer.oneLine(h.status, max: 30))"
                                                    : "gateway \(Sanitizer.oneLine(h.status, max: 30))"
            lines.append("\(report.platform) · \(what)")
            lines += h.details
            if h.needsSupportTicket {
                lines.append("This number needs a support ticket with 360dialog: nothing in the Partner API fixes it.")
                level = .error
            } else if !h.isHealthy {
                level = .warning
            }
        } else if let problem = report.problem {
            lines.append("The check failed: \(Sanitizer.oneLine(problem, max: 300))")
            level = .error
        }
        let age = report.age(now: now)
        lines.append(age.prefix(1).uppercased() + age.dropFirst() + ".")
        if let behind = report.phoneNumber {
            let same = behind.filter(\.isNumber) == phone.filter(\.isNumber)
            if same {
                lines.append("The key belongs to \(Sanitizer.oneLine(behind, max: 30)): the selected number.")
            } else {
                lines.append("The key belongs to \(Sanitizer.oneLine(behind, max: 30)), not to the selected \(phone.isEmpty ? "number" : phone).")
                level = .error
            }
        }
        let text = level == .info ? "Healthy." : level == .warning ? "Not fully available." : "Needs attention."
        dialogs.update(dialog) { d in
            d.working = nil
            d.body = .message(lines)
            d.preferredHeight = lines.count + 2
            d.notice = Notice(level == .info ? .success : level, report.fromCache ? "\(text) (the last answer: one check per key every 5 minutes)" : text)
        }
    }
}

/// A secret in state (a new API key): it never prints, logs or shows in a dump by accident;
/// only the view draws `value`, and only when revealed.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "•••" }
    public var debugDescription: String { "Secret(•••)" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}

/// The key a dialog shows once, masked unless the agent asks.
public struct SecretField: Equatable, Sendable {
    public let secret: Secret
    public var revealed = false
    public var value: String { secret.value }
    public init(_ secret: Secret) { self.secret = secret }
}

/// A just-generated API key, shown once (`Dialog.secret`): v, c and h act on it.
public struct APIKeyShown: DialogFeature {
    public let channelId: String
    public init(channelId: String) { self.channelId = channelId }
    public func key(_ key: EditKey, _ d: Dialog, in state: inout AppState) -> [Effect]? {
        state.apiKeyKey(key, d, channelId: channelId)
    }
}

/// The health form: the key to check for a number.
public struct HealthForm: DialogFeature {
    public let channelId: String
    enum Field: String, FormKey { case review, apiKey = "api_key" }
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] {
        state.healthSubmitted(d, channelId: channelId, result)
    }
}

/// A health check's answer.
public struct HealthResult: DialogFeature {
    public let channelId: String
}
