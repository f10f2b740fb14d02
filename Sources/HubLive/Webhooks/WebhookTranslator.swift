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
        /// An event this build does not know: logged (it still makes the lists poll).
        public var unknown = false

        init(notification: HubNotification?, refresh: [PollSource], unknown: Bool = false) {
            self.notification = notification
            self.refresh = refresh
            self.unknown = unknown
        }
    }

    /// The event names of the reference (§10), and the sandbox's modeled ones (docs/sandbox.md).
    public static let documented: Set<String> = [
        "client_created", "channel_created", "channel_submitted", "channel_ready", "channel_running", "channel_live",
        "account_violation", "account_restriction", "cancellation_request", "cancellation_revoke", "cancellation_processed",
        "waba_template_status_changed", "template_messaging_enabled",
    ]
    public static let modeled: Set<String> = ["partner_change_request_approved", "refund_completed"]

    /// `label` names a channel by ID the way the cards do (nil: unknown here).
    /// `previous`: the channel as last polled, so "is live" says what it was, as the poll does.
    /// The text is made of what the sender sent (numbers, IDs, amounts): it is one clean line
    /// before it goes anywhere (the store, the team's tables, `watch`, the log).
    public static func react(to event: WebhookEvent, at time: Date, label: (String) -> String?,
                             previous: (String) -> Channel? = { _ in nil }) -> Reaction {
        var reaction = translate(event, at: time, label: label, previous: previous)
        if let text = reaction.notification?.text { reaction.notification?.text = Sanitizer.oneLine(text, max: 300) }
        return reaction
    }

    static func translate(_ event: WebhookEvent, at time: Date, label: (String) -> String?, previous: (String) -> Channel?) -> Reaction {
        let data = event.data
        switch event.event {
        case "channel_live", "channel_created", "channel_submitted", "channel_ready", "channel_running":
            guard let channel = try? HubJSON.decode(Channel.self, from: HubJSON.encode(data)) else {
                return Reaction(notification: nil, refresh: [.channels])
            }
            let who = ChangeDetector.label(channel)
            switch event.event {
            case "channel_live":
                let was = previous(channel.id).map { " (was \($0.lifecycle().label))" } ?? ""
                return Reaction(notification: ChangeDetector.n("\(channel.id)-live", .info, time, channel, "\(who) is live\(was)"), refresh: [.channels])
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
                                                          text: "Partner change request (\(id)) approved: all its numbers move at once"),
                            refresh: [.partnerChanges, .channels])
        case "refund_completed":
            guard let id = data["id"]?.stringValue, let channelId = data["channel_id"]?.stringValue,
                  let amount = data["amount"]?.stringValue else { return Reaction(notification: nil, refresh: [.refunds]) }
            return Reaction(notification: HubNotification(id: "refund-\(id)-completed", level: .info, time: time, channelId: channelId,
                                                          text: "Refund of \(amount) for \(label(channelId) ?? channelId) completed"),
                            refresh: [.refunds])
        case "client_created":
            return Reaction(notification: nil, refresh: [.clients, .channels])
        case "cancellation_request", "cancellation_revoke", "cancellation_processed":
            // The channel's terminated_at changes: the poll's diff says "pending deletion" once.
            return Reaction(notification: nil, refresh: [.channels])
        case "waba_template_status_changed", "template_messaging_enabled":
            // Templates are fetched when a number's details open; the channel may carry a change too.
            return Reaction(notification: nil, refresh: [.channels])
        default:
            // Not in the reference: logged by the caller, and the lists are fetched so the diff
            // shows whatever it meant.
            return Reaction(notification: nil, refresh: [.channels, .clients], unknown: true)
        }
    }
}
