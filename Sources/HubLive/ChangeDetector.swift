import Foundation
import HubCore

/// Compares two snapshots of the partner's channels and says what changed, in the Hub's words
/// (C3). One notification per change; its ID is stable, so the same change is notified once.
public enum ChangeDetector {
    /// Two snapshots as a poll has them. Polls list channels by ID, so the two lists usually
    /// line up index by index; otherwise an index of the old list is built. Channels are read
    /// in place (never copied) and only those whose `factsKey` differs are compared in full.
    public static func notifications(old: [Channel], new: [Channel], at time: Date) -> [HubNotification] {
        var out: [HubNotification] = []
        func added(_ i: Int) { out.append(n("\(new[i].id)-new", .info, time, new[i], "New number \(label(new[i]))")) }
        func gone(_ j: Int) { out.append(n("\(old[j].id)-gone", .warning, time, old[j], "\(label(old[j])) left this partner hub")) }
        // Equal fact keys: nothing an agent is told about changed (see `Channel.factsKey`).
        func same(_ j: Int, _ i: Int) { if old[j].factsKey != new[i].factsKey { compare(old[j], new[i], time, &out) } }

        if aligned(old, new) {
            for i in new.indices { same(i, i) }
        } else if sortedByID(old), sortedByID(new) {
            // Numbers came or went: walk both sorted lists side by side.
            var i = 0, j = 0
            while i < new.count || j < old.count {
                if j == old.count || (i < new.count && new[i].id < old[j].id) { added(i); i += 1 }
                else if i == new.count || old[j].id < new[i].id { gone(j); j += 1 }
                else { same(j, i); i += 1; j += 1 }
            }
        } else {
            let index = Dictionary(old.indices.map { (old[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
            var seen = [Bool](repeating: false, count: old.count)
            for i in new.indices {
                guard let j = index[new[i].id] else { added(i); continue }
                seen[j] = true
                same(j, i)
            }
            for j in old.indices where !seen[j] { gone(j) }
        }
        return out
    }

    /// What one poll changed (`previous`: the earlier versions of the channels it touched; a
    /// channel not in it is new). In ID order, as the full comparison gives them.
    public static func notifications(_ delta: ListDelta<Channel>, previous: [String: Channel], at time: Date) -> [HubNotification] {
        var out: [HubNotification] = []
        for ch in delta.upserted.sorted(by: { $0.id < $1.id }) {
            if let old = previous[ch.id] {
                if old.factsKey != ch.factsKey { compare(old, ch, time, &out) }
            } else {
                out.append(n("\(ch.id)-new", .info, time, ch, "New number \(label(ch))"))
            }
        }
        for id in delta.removed.sorted() {
            guard let old = previous[id] else { continue }
            out.append(n("\(old.id)-gone", .warning, time, old, "\(label(old)) left this partner hub"))
        }
        return out
    }

    /// Whether a list is in ID order (as polls return it).
    static func sortedByID(_ a: [Channel]) -> Bool {
        for i in a.indices.dropFirst() where !(a[i - 1].id < a[i].id) { return false }
        return true
    }

    /// Whether two lists hold the same channel IDs in the same order.
    static func aligned(_ a: [Channel], _ b: [Channel]) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where a[i].id != b[i].id { return false }
        return true
    }

    /// One channel whose facts changed: what an agent is told. C3: "You will be notified of
    /// any changes in your client's accounts statuses": every change of the card's status
    /// (Classic to Classic, regressions), of the activation statuses and of the display name's
    /// review, each with the old and the new state and what the client must do now.
    static func compare(_ before: Channel, _ ch: Channel, _ time: Date, _ out: inout [HubNotification]) {
        let who = label(ch)
        let a = before.lifecycle(), b = ch.lifecycle()
        if statusKey(a) != statusKey(b) {
            let todo = guidance(ch, b).map { ". \($0)" } ?? ""
            switch b {
            case .live:
                out.append(n("\(ch.id)-live", .info, time, ch, "\(who) is live (was \(a.label))"))
            case .pendingDeletion:
                out.append(n("\(ch.id)-deleting", .warning, time, ch, "\(who) is pending deletion (was \(a.label))"))
            case .error(let m):
                out.append(n("\(ch.id)-error-\(m ?? "")", .error, time, ch, "\(who) has an error" + (m.map { ": \($0)" } ?? "") + " (was \(a.label))\(todo)"))
            default:
                // Out of Live, or into a state that asks the client for something: a warning.
                let worse = a == .live || guidance(ch, b) != nil
                out.append(n("\(ch.id)-status-\(b.label)", worse ? .warning : .info, time, ch, "\(who): \(a.label) → \(b.label)\(todo)"))
            }
        } else if !before.isTerminated, ch.isTerminated {
            // terminated_at on a number that stays Live by its account_mode (C13): both are true.
            out.append(n("\(ch.id)-deleting", .warning, time, ch, "\(who) is pending deletion (still \(b.label) until it is deleted)"))
        }
        let sa = ActivationStatuses(channel: before), sb = ActivationStatuses(channel: ch)
        if sa.numberRegistration != sb.numberRegistration {
            let from = sa.numberRegistration.label(for: .numberRegistration), to = sb.numberRegistration.label(for: .numberRegistration)
            if sb.numberRegistration == .done {
                out.append(n("\(ch.id)-registered", .info, time, ch, "\(who): Number registration complete (was \(from))"))
            } else {
                let todo = sb.numberRegistration.needsAction ? ". \(RequiredAction.numberRegistration.instruction)" : ""
                out.append(n("\(ch.id)-registration-\(to)", sa.numberRegistration == .done || sb.numberRegistration.needsAction ? .warning : .info, time, ch,
                             "\(who): Number registration \(from) → \(to)\(todo)"))
            }
        }
        if sa.metaBusinessVerification != sb.metaBusinessVerification {
            let from = sa.metaBusinessVerification.label(for: .metaBusinessVerification)
            let text = sb.metaBusinessVerification.label(for: .metaBusinessVerification)
            let todo = sb.metaBusinessVerification.needsAction ? ". \(RequiredAction.metaBusinessVerification.instruction)" : ""
            out.append(n("\(ch.id)-mbv-\(text)", sb.metaBusinessVerification.needsAction ? .warning : .info, time, ch,
                         "\(who): Meta business verification \(text.lowercased()) (was \(from.lowercased()))\(todo)"))
        }
        if sa.messageOnBehalf != sb.messageOnBehalf {
            let from = sa.messageOnBehalf.label(for: .messageOnBehalf)
            let text = sb.messageOnBehalf.label(for: .messageOnBehalf)
            let todo = sb.messageOnBehalf.needsAction ? ". \(RequiredAction.messageOnBehalf.instruction)" : ""
            out.append(n("\(ch.id)-obo-\(text)", sb.messageOnBehalf.needsAction ? .warning : .info, time, ch,
                         "\(who): Message on behalf \(text.lowercased()) (was \(from.lowercased()))\(todo)"))
        }
        let na = before.setupInfo?.newNameStatus, nb = ch.setupInfo?.newNameStatus
        if na?.uppercased() != nb?.uppercased(), let nb, !nb.isEmpty {
            let declined = ch.displayNameNeedsAction
            let name = ch.displayName.map { " \"\(Sanitizer.terminalSafe($0))\"" } ?? ""
            let status = Sanitizer.terminalSafe(nb.uppercased())
            out.append(n("\(ch.id)-name-\(status)", declined ? .warning : .info, time, ch,
                         "\(who): display name\(name) \(declined ? "declined" : "review") (new_name_status \(status), was \(Sanitizer.terminalSafe(na ?? "none")))"
                         + (declined ? ". \(RequiredAction.displayName.instruction)" : "")))
        }
        let va = before.wabaAccount?.status?.isViolation == true, vb = ch.wabaAccount?.status?.isViolation == true
        if vb && !va, let status = ch.wabaAccount?.status {
            out.append(n("\(ch.id)-violation-\(status.rawValue)", .error, time, ch,
                         "\(who): \(status.rawValue.replacingOccurrences(of: "_", with: " ")) reported by Meta"))
        }
    }

    /// What the client must do now, in the seed's words, if anything.
    static func guidance(_ ch: Channel, _ state: Lifecycle) -> String? {
        if state.needsSupportTicket { return RequiredAction.supportTicket.instruction }
        let actions: [RequiredAction]
        if case .pending(let list) = state { actions = list } else { actions = ch.requiredActions() }
        return actions.first?.instruction
    }

    /// The status as the card shows it: a pending number's list of blockers is not a status
    /// change (the activation statuses say what changed); an error's message is.
    static func statusKey(_ l: Lifecycle) -> String {
        if case .error(let m) = l { return "Error: \(m ?? "")" }
        return l.label
    }

    static func label(_ ch: Channel) -> String {
        let phone = ch.phoneNumberE164 ?? ch.id
        guard let name = ch.displayName, !name.isEmpty else { return phone }
        return "\(phone) (\(Sanitizer.terminalSafe(name)))"
    }

    static func n(_ id: String, _ level: HubNotification.Level, _ time: Date, _ ch: Channel, _ text: String) -> HubNotification {
        HubNotification(id: id, level: level, time: time, channelId: ch.id, clientId: ch.resolvedClientId, text: text)
    }
}
