import Foundation

/// Cloud API `GET /health_status` (reference §12): whether the number can send, per entity
/// (phone number, WABA, business, app), with Meta's extra information and errors.
public struct CloudHealthStatus: Codable, Hashable, Sendable {
    public struct Entity: Codable, Hashable, Sendable {
        public struct Problem: Codable, Hashable, Sendable {
            public var errorCode: Int?
            public var errorDescription: String?
            public var possibleSolution: String?

            public init(errorCode: Int?, errorDescription: String?, possibleSolution: String?) {
                self.errorCode = errorCode
                self.errorDescription = errorDescription
                self.possibleSolution = possibleSolution
            }
        }

        public var entityType: String?
        public var id: String?
        public var canSendMessage: String?
        public var additionalInfo: [String]?
        public var errors: [Problem]?

        public init(entityType: String?, id: String?, canSendMessage: String?, additionalInfo: [String]? = nil, errors: [Problem]? = nil) {
            self.entityType = entityType
            self.id = id
            self.canSendMessage = canSendMessage
            self.additionalInfo = additionalInfo
            self.errors = errors
        }
    }

    public struct Body: Codable, Hashable, Sendable {
        public var canSendMessage: String?
        public var entities: [Entity]?

        public init(canSendMessage: String?, entities: [Entity]?) {
            self.canSendMessage = canSendMessage
            self.entities = entities
        }
    }

    public var healthStatus: Body
    public var id: String?

    public init(canSendMessage: String, entities: [Entity] = [], id: String? = nil) {
        healthStatus = Body(canSendMessage: canSendMessage, entities: entities)
        self.id = id
    }
}

/// One health answer, whichever endpoint the number's hosting platform uses (C5, C15).
public enum MessagingHealth: Codable, Hashable, Sendable {
    case onPremise(HealthStatus)
    case cloud(CloudHealthStatus)

    /// "connected", "AVAILABLE", "BLOCKED" ...
    public var status: String {
        switch self {
        case .onPremise(let h): return h.gatewayStatus ?? "unknown"
        case .cloud(let c): return c.healthStatus.canSendMessage ?? "unknown"
        }
    }

    /// C15: disconnected, uninitialized or unregistered (on-premise), or blocked (Cloud API):
    /// the agent opens a support ticket; nothing in the Partner API fixes it.
    public var needsSupportTicket: Bool {
        switch self {
        case .onPremise(let h): return h.needsSupportTicket
        case .cloud(let c): return c.healthStatus.canSendMessage?.uppercased() == "BLOCKED"
        }
    }

    /// Good: sends normally.
    public var isHealthy: Bool {
        switch self {
        case .onPremise(let h): return h.gatewayStatus == "connected"
        case .cloud(let c): return c.healthStatus.canSendMessage?.uppercased() == "AVAILABLE"
        }
    }

    /// What Meta says beyond the status (Cloud API: per entity), each line made safe.
    public var details: [String] {
        guard case .cloud(let c) = self else { return [] }
        var out: [String] = []
        for e in c.healthStatus.entities ?? [] {
            let who = Sanitizer.oneLine(e.entityType ?? "entity", max: 30)
            if let s = e.canSendMessage, s.uppercased() != "AVAILABLE" { out.append("\(who): \(Sanitizer.oneLine(s, max: 30))") }
            for info in e.additionalInfo ?? [] { out.append("\(who): \(Sanitizer.oneLine(info, max: 200))") }
            for p in e.errors ?? [] {
                var line = "\(who): " + Sanitizer.oneLine(p.errorDescription ?? "error \(p.errorCode.map(String.init) ?? "?")", max: 200)
                if let fix = p.possibleSolution { line += " (\(Sanitizer.oneLine(fix, max: 200)))" }
                out.append(line)
            }
        }
        return out
    }
}

/// A health check as the agent sees it: the answer (or why there is none), when it was asked,
/// when it may be asked again (at most once per 5 minutes per key, C15), and the number
/// behind the key (C16).
public struct HealthReport: Hashable, Sendable {
    public var platform: HostingPlatform
    public var health: MessagingHealth?
    /// The error of the last request, when it failed.
    public var problem: String?
    public var phoneNumber: String?
    /// When the last request for this key was sent (by this app or another on the database).
    public var askedAt: Date
    public var nextCheckAt: Date
    /// Given again from the last request instead of asking (the 5-minute window).
    public var fromCache: Bool

    public init(platform: HostingPlatform, health: MessagingHealth?, problem: String?, phoneNumber: String?,
                askedAt: Date, nextCheckAt: Date, fromCache: Bool) {
        self.platform = platform
        self.health = health
        self.problem = problem
        self.phoneNumber = phoneNumber
        self.askedAt = askedAt
        self.nextCheckAt = nextCheckAt
        self.fromCache = fromCache
    }

    /// "checked 3 min ago, next check possible in 2 min".
    public func age(now: Date) -> String {
        func span(_ s: TimeInterval) -> String {
            let s = max(0, Int(s.rounded()))
            return s < 60 ? "\(s) s" : "\((s + 30) / 60) min"
        }
        let ago = now.timeIntervalSince(askedAt)
        let checked = ago < 5 ? "checked just now" : "checked \(span(ago)) ago"
        let wait = nextCheckAt.timeIntervalSince(now)
        return checked + (wait > 0 ? ", next check possible in \(span(wait))" : ", can be checked again now")
    }
}
