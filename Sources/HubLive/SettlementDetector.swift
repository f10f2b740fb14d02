import Foundation
import HubCore

/// Says when a pending partner change request or refund settles (C3, C17), in the Hub's words.
/// IDs are stable per request and outcome, so a settlement is notified once.
public enum SettlementDetector {
    /// `old` nil: the first look, which only learns what is pending.
    public static func partnerChanges(old: [String: PartnerChangeRequest]?, new: [PartnerChangeRequest], at time: Date) -> [HubNotification] {
        guard let old else { return [] }
        var out: [HubNotification] = []
        for pcr in new {
            let before = old[pcr.id]?.status
            guard before != pcr.status, before == nil || before == .pending || before == .created else { continue }
            let who = pcr.sourceClientId ?? pcr.targetClientId
            switch pcr.status {
            case .completed?:
                out.append(HubNotification(id: "pcr-\(pcr.id)-completed", level: .info, time: time, clientId: who,
                                           text: "Partner change request \(pcr.id) approved"))
            case .failed?:
                out.append(HubNotification(id: "pcr-\(pcr.id)-failed", level: .error, time: time, clientId: who,
                                           text: "Partner change request \(pcr.id) failed"))
            case .withdrawn?:
                out.append(HubNotification(id: "pcr-\(pcr.id)-withdrawn", level: .info, time: time, clientId: who,
                                           text: "Partner change request \(pcr.id) withdrawn"))
            case .pending?, .created?:
                guard before == nil else { break }
                out.append(HubNotification(id: "pcr-\(pcr.id)-new", level: .info, time: time, clientId: who,
                                           text: "New partner change request \(pcr.id)"))
            default: break
            }
        }
        return out
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
