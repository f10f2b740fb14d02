import Foundation
import HubCore

/// Where and how to reach the Partner API. Secrets come from the environment or the config
/// file (never from flags), and never appear in `description`.
public struct APIConfiguration: Sendable, CustomStringConvertible {
    public enum Credentials: Sendable {
        case apiKey(String)
        case password(username: String, password: String)
    }

    public static let liveBaseURL = "https://hub.360dialog.io/api/v2"

    public var baseURL: String
    public var partnerId: String
    public var credentials: Credentials
    /// The messaging host for health and phone number checks (C15, C16).
    public var messagingBaseURL: String
    /// The Cloud API messaging host, for the health of Cloud API numbers (reference §12).
    public var cloudMessagingBaseURL: String
    /// The partner account's payment model (reference §14: per partner account, not per client;
    /// the public API has no field for it). nil: not configured, nothing is derived from it.
    public var paymentModel: PaymentModel?
    public var timeout: TimeInterval = 20
    public var maxAttempts = 4
    public var backoffBase: TimeInterval = 0.5
    public var backoffCap: TimeInterval = 8
    /// Client balance: 1 request per 10 s per client (seed C10), kept on our side.
    public var balanceInterval: TimeInterval = 10
    /// Templates: 400 requests per minute in total.
    public var templateRequestsPerMinute = 400
    /// Messaging health is cached this long (C15).
    public var healthCacheSeconds: TimeInterval = 300

    public init(baseURL: String = liveBaseURL, partnerId: String, credentials: Credentials) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.partnerId = partnerId
        self.credentials = credentials
        // Only the messaging host is chosen by name; which modeled endpoints exist is asked
        // (ServerCapabilities), never guessed from the host.
        if URL(string: base)?.host == "hub.360dialog.io" {
            messagingBaseURL = "https://waba.360dialog.io"
            cloudMessagingBaseURL = "https://waba-v2.360dialog.io"
        } else if let u = URL(string: base), let scheme = u.scheme, let host = u.host {
            messagingBaseURL = "\(scheme)://\(host)" + (u.port.map { ":\($0)" } ?? "")
            cloudMessagingBaseURL = messagingBaseURL
        } else {
            messagingBaseURL = base
            cloudMessagingBaseURL = base
        }
    }

    public var description: String {
        let auth: String
        switch credentials {
        case .apiKey: auth = "API key"
        case .password(let user, _): auth = "token for \(user)"
        }
        return "\(baseURL) partner \(partnerId) (\(auth))"
    }
}
