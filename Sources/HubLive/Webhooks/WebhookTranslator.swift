import Foundation
import HubCore

/// Partner webhook events (`{id, event, data}`, reference §10) as the live engine uses them:
/// a notification in the same words and with the same ID as the poll would give (so an event
/// seen both ways is shown once), and which sources to poll now. Polling stays the source of
/// truth; a webhook only makes it come sooner.
public enum WebhookTranslator {
    public struct Reaction: Equatable, Sendable {
        public var notification: HubNotification?
        public var refresh: [PollSource]
    }

    /// `label` names a channel by ID the way the cards do (nil: unknown here).
    public static func react(to event: WebhookEvent, at time: Date, label: (String) -> String?) -> Reaction {
        let data = event.data
        switch event.event {
        case "channel_live", "channel_created", "channel_submitted", "channel_ready", "channel_running":
            guard let channel = try? HubJSON.decode(Channel.self, from: HubJSON.encode(data)) else {
                return Reaction(notification: nil, refresh: [.channels])
            }
            let who = ChangeDetector.label(channel)
            switch event.event {
            case "channel_live": return Reaction(notification: ChangeDetector.n("\(channel.id)-live", .info, time, channel, "\(who) is live"), refresh: [.channels])
            case "channel_created": return Reaction(notification: ChangeDetector.n("\(channel.id)-new", .info, time, channel, "New number \(who)"), refresh: [.channels, .clients])
            default: return Reaction(notification: nil, refresh: [.channels])
            }
        case "account_violation", "account_restriction":
            let phone = data["phone_number"]?.stringValue.map { $0.hasPrefix("+") ? $0 : "+" + $0 } ?? "A number"
            let channelId = data["channel_id"]?.stringValue
            let who = channelId.flatMap(label) ?? phone
            let note = HubNotification(id: "\(channelId ?? phone)-violation-\(event.event)", level: .error, time: time, channelId: channelId,
                                       text: "\(who): \(event.event.replacingOccurrences(of: "_", with: " ")) reported by Meta")
            return Reaction(notification: note, refresh: [.channels])
        case "partner_change_request_approved":
            guard let id = data["id"]?.stringValue else { return Reaction(notification: nil, refresh: [.partnerChanges, .channels]) }
            return Reaction(notification: HubNotification(id: "pcr-\(id)-completed", level: .info, time: time,
                                                          text: "Partner change request \(id) approved"),
                            refresh: [.partnerChanges, .channels])
        case "refund_completed":
            guard let id = data["id"]?.stringValue, let channelId = data["channel_id"]?.stringValue,
                  let amount = data["amount"]?.stringValue else { return Reaction(notification: nil, refresh: [.refunds]) }
            return Reaction(notification: HubNotification(id: "refund-\(id)-completed", level: .info, time: time, channelId: channelId,
                                                          text: "Refund of \(amount) for \(label(channelId) ?? channelId) completed"),
                            refresh: [.refunds])
        case "client_created":
            return Reaction(notification: nil, refresh: [.clients, .channels])
        default:
            // Unknown or not worth a line (cancellations, template status): fetch, let the diff speak.
            return Reaction(notification: nil, refresh: [.channels])
        }
    }
}
