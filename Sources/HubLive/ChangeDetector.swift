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

    /// One channel whose facts changed: what an agent is told.
    static func compare(_ before: Channel, _ ch: Channel, _ time: Date, _ out: inout [HubNotification]) {
        let who = label(ch)
        let a = before.lifecycle(), b = ch.lifecycle()
        if a.kind != b.kind {
            switch b {
            case .live: out.append(n("\(ch.id)-live", .info, time, ch, "\(who) is live"))
            case .pendingDeletion: out.append(n("\(ch.id)-deleting", .warning, time, ch, "\(who) is pending deletion"))
            case .error(let m): out.append(n("\(ch.id)-error-\(m ?? "")", .error, time, ch, "\(who) has an error" + (m.map { ": \($0)" } ?? "")))
            default: break
            }
        }
        let sa = ActivationStatuses(channel: before), sb = ActivationStatuses(channel: ch)
        if sa.numberRegistration != sb.numberRegistration, sb.numberRegistration == .done {
            out.append(n("\(ch.id)-registered", .info, time, ch, "\(who): Number registration complete"))
        }
        if sa.metaBusinessVerification != sb.metaBusinessVerification {
            let text = sb.metaBusinessVerification.label(for: .metaBusinessVerification)
            out.append(n("\(ch.id)-mbv-\(text)", sb.metaBusinessVerification.needsAction ? .warning : .info, time, ch,
                         "\(who): Meta business verification \(text.lowercased())"))
        }
        if sa.messageOnBehalf != sb.messageOnBehalf {
            let text = sb.messageOnBehalf.label(for: .messageOnBehalf)
            out.append(n("\(ch.id)-obo-\(text)", sb.messageOnBehalf.needsAction ? .warning : .info, time, ch,
                         "\(who): Message on behalf \(text.lowercased())"))
        }
        let va = before.wabaAccount?.status?.isViolation == true, vb = ch.wabaAccount?.status?.isViolation == true
        if vb && !va, let status = ch.wabaAccount?.status {
            out.append(n("\(ch.id)-violation-\(status.rawValue)", .error, time, ch,
                         "\(who): \(status.rawValue.replacingOccurrences(of: "_", with: " ")) reported by Meta"))
        }
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
