import Foundation

/// One request the sandbox answered, counted on the server side so tests can prove the app
/// keeps to the documented rate limits.
public struct SandboxRequest: Hashable, Sendable {
    public var operation: String
    /// The client, WABA or API key the limit is counted per ("" when it is global).
    public var key: String
    /// Real (not sandbox) time, as rate limits are counted.
    public var at: Date
    /// Answered with 429.
    public var rejected: Bool
}

extension SandboxEngine {
    static let ledgerLimit = 100_000

    func record(_ operation: String, _ key: String = "") {
        if ledger.count >= Self.ledgerLimit { ledger.removeFirst(ledger.count / 2) }
        ledger.append(SandboxRequest(operation: operation, key: key, at: time.now(), rejected: false))
    }

    func rejectLast() {
        if !ledger.isEmpty { ledger[ledger.count - 1].rejected = true }
    }

    /// The most recent requests (up to 100,000), oldest first.
    public func requests() -> [SandboxRequest] { ledger }
}

extension SandboxEngine {
    /// Where webhook events are delivered (the partner's `webhook_url`).
    public var webhookURL: String? { world.partner.webhookUrl }

    func noteDelivery(ok: Bool) {
        if ok { webhookDeliveries.delivered += 1 } else { webhookDeliveries.failed += 1 }
    }

    /// Webhook events delivered to the partner's URL, and the ones that failed.
    public var webhookDeliveryCounts: (delivered: Int, failed: Int) { (webhookDeliveries.delivered, webhookDeliveries.failed) }
}
