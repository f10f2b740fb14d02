import Foundation
import HubCore

/// Says when a pending partner change request or refund settles (C3, C17), in the Hub's words.
/// IDs are stable per request and outcome, so a settlement is notified once.
public enum SettlementDetector {
    /// `old` nil: the first look, which only learns what is pending.
    /// `company` and `number` name the client and its numbers (people first, issue 25);
    /// nil where they are not known here (another partner's client), and the ID stands alone.
    public static func partnerChanges(old: [String: PartnerChangeRequest]?, new: [PartnerChangeRequest], at time: Date,
                                      company: (String) -> String? = { _ in nil }, number: (String) -> String? = { _ in nil }) -> [HubNotification] {
        guard let old else { return [] }
        var out: [HubNotification] = []
        for pcr in new {
            let before = old[pcr.id]?.status
            guard before != pcr.status, before == nil || before == .pending || before == .created else { continue }
            let who = pcr.sourceClientId ?? pcr.targetClientId
            let what = describe(pcr, company: company, number: number)
            switch pcr.status {
            case .completed?:
                out.append(HubNotification(id: "pcr-\(pcr.id)-completed", level: .info, time: time, clientId: who,
                                           text: "\(what) approved: all its numbers move at once"))
            case .failed?:
                out.append(HubNotification(id: "pcr-\(pcr.id)-failed", level: .error, time: time, clientId: who,
                                           text: "\(what) failed"))
            case .withdrawn?:
                out.append(HubNotification(id: "pcr-\(pcr.id)-withdrawn", level: .info, time: time, clientId: who,
                                           text: "\(what) withdrawn"))
            case .pending?, .created?:
                guard before == nil else { break }
                out.append(HubNotification(id: "pcr-\(pcr.id)-new", level: .info, time: time, clientId: who,
                                           text: "New \(what.prefix(1).lowercased() + what.dropFirst())"))
            default: break
            }
        }
        return out
    }

    /// "Partner change request of Acme GmbH (+4930111, +4930222) to manualPA (XPCR)".
    static func describe(_ pcr: PartnerChangeRequest, company: (String) -> String?, number: (String) -> String?) -> String {
        var text = "Partner change request"
        if let c = pcr.sourceClientId.flatMap(company) { text += " of \(Sanitizer.terminalSafe(c))" }
        let phones = (pcr.channelIds ?? []).compactMap(number)
        if !phones.isEmpty { text += " (\(phones.prefix(3).joined(separator: ", "))\(phones.count > 3 ? " +\(phones.count - 3)" : ""))" }
        if let t = pcr.targetPartnerId { text += " to \(t)" }
        return text + " (\(pcr.id))"
    }

    public static func refunds(old: [String: Refund]?, new: [Refund], label: (String) -> String?, at time: Date) -> [HubNotification] {
        guard let old else { return [] }
        return new.compactMap { r in
            guard r.status == .completed, old[r.id]?.status != .completed else { return nil }
            return HubNotification(id: "refund-\(r.id)-completed", level: .info, time: time, channelId: r.channelId,
                                   text: "Refund of \(r.amount.description) for \(label(r.channelId) ?? r.channelId) completed")
        }
    }
}
