import Foundation
import HubCore

/// Templates (C2): read when the agent opens the manager or changes one. A template submitted
/// from here is then polled until Meta decides, so that the decision arrives as a
/// notification without the agent asking again. Only those: a template other people left
/// pending for days would otherwise cost a request every half minute for as long as
/// partnerhub runs.
extension LiveFeed {
    static func inReview(_ s: TemplateStatus?) -> Bool { s == .submitted || s == .pending || s == .created }

    /// A template was submitted from here: its WABA is polled until Meta decides.
    public func followReview(wabaAccountId waba: String, name: String) async {
        followedTemplates[waba, default: []].insert(name)
    }

    /// A WABA's templates now; status changes since the last read are notified.
    public func templates(wabaAccountId waba: String) async throws -> [Template] {
        let list = try await service.allPages(pageSize: 1000) { try await service.listTemplates(wabaAccountId: waba, $0) }
        await templatesArrived(waba, list)
        return list
    }

    func templatesArrived(_ waba: String, _ list: [Template]) async {
        if let before = templateStatuses[waba] {
            for t in list {
                guard let old = before[t.id], Self.inReview(old), let new = t.status, new != old, !Self.inReview(new) else { continue }
                notify(TemplateNotes.decided(t, waba: waba, at: now()))
            }
        }
        templateStatuses[waba] = Dictionary(list.compactMap { t in t.status.map { (t.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let inReview = Set(list.filter { Self.inReview($0.status) }.compactMap(\.name))
        followedTemplates[waba] = followedTemplates[waba]?.intersection(inReview)
        let reviewing = !(followedTemplates[waba] ?? []).isEmpty
        if reviewing, !watchedTemplates.contains(waba) {
            watchedTemplates.insert(waba)
            await scheduler.register(.templates(wabaAccountId: waba), PollPolicy(interval: settings.settling, budget: settings.pendingBudget))
        } else if !reviewing, watchedTemplates.contains(waba) {
            watchedTemplates.remove(waba)
            await scheduler.unregister(.templates(wabaAccountId: waba))
        }
    }
}

/// The notification of Meta's decision on a template, server text made safe.
enum TemplateNotes {
    static func decided(_ t: Template, waba: String, at: Date) -> HubNotification {
        let name = Sanitizer.oneLine(t.name ?? t.id, max: 80)
        let lang = t.language.map { " (\(Sanitizer.oneLine($0, max: 10)))" } ?? ""
        let status = t.status?.rawValue ?? "?"
        var text = "Template \(name)\(lang) on WABA \(Sanitizer.oneLine(waba, max: 40)): \(Sanitizer.oneLine(status, max: 20))"
        if t.status == .rejected, let why = t.rejectedReason, why != "NONE" { text += " (\(Sanitizer.oneLine(why, max: 120)))" }
        return HubNotification(id: "template-\(t.id)-\(status)", level: t.status == .approved ? .info : .warning, time: at, text: text)
    }
}

extension LiveFeed: LiveSource {
    public func watch(_ interest: Interest) async {
        await watchBalances(interest.clients, focused: interest.focused)
        await watchFunds(interest.funds)
    }

    public func templates(of wabaAccountId: String) async throws -> [Template]? {
        try await templates(wabaAccountId: wabaAccountId)
    }
}
