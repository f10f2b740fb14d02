import Foundation
import HubCore

/// Compares two snapshots of the partner's channels and says what changed, in the Hub's words
/// (C3). One notification per change; its ID is stable, so the same change is notified once.
public enum ChangeDetector {
    public static func notifications(old: [String: Channel], new: [Channel], at time: Date) -> [HubNotification] {
        var out: [HubNotification] = []
        var seen = Set<String>()
        for ch in new {
            seen.insert(ch.id)
            let who = label(ch)
            guard let before = old[ch.id] else {
                out.append(n("\(ch.id)-new", .info, time, ch, "New number \(who)"))
                continue
            }
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
        for (id, ch) in old where !seen.contains(id) {
            out.append(n("\(id)-gone", .warning, time, ch, "\(label(ch)) left this partner hub"))
        }
        return out
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
