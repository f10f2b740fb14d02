import Foundation

/// Faults the HTTP sandbox injects on demand (`--faults latency=200ms,error-rate=0.2,...`).
public struct FaultConfig: Sendable, Equatable {
    public var latency: TimeInterval = 0
    public var errorRate: Double = 0
    public var timeoutRate: Double = 0
    public var malformedRate: Double = 0
    /// How long a "timeout" stalls before answering.
    public var timeoutStall: TimeInterval = 30

    public init() {}

    public var isOff: Bool { latency == 0 && errorRate == 0 && timeoutRate == 0 && malformedRate == 0 }

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    /// `latency=200ms,error-rate=0.2,timeout-rate=0.05,malformed-rate=0.05` ("off" or "" for none).
    public static func parse(_ text: String) throws -> FaultConfig {
        var f = FaultConfig()
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "off" { return f }
        for part in trimmed.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { throw ParseError(description: "fault \"\(part)\" is not key=value") }
            switch kv[0] {
            case "latency": f.latency = try duration(kv[1])
            case "timeout-stall": f.timeoutStall = try duration(kv[1])
            case "error-rate": f.errorRate = try rate(kv[0], kv[1])
            case "timeout-rate": f.timeoutRate = try rate(kv[0], kv[1])
            case "malformed-rate": f.malformedRate = try rate(kv[0], kv[1])
            default: throw ParseError(description: "unknown fault \"\(kv[0])\" (latency, error-rate, timeout-rate, malformed-rate, timeout-stall)")
            }
        }
        return f
    }

    static func duration(_ s: String) throws -> TimeInterval {
        if s.hasSuffix("ms"), let v = Double(s.dropLast(2)), v >= 0 { return v / 1000 }
        if s.hasSuffix("s"), let v = Double(s.dropLast()), v >= 0 { return v }
        if let v = Double(s), v >= 0 { return v / 1000 }
        throw ParseError(description: "\"\(s)\" is not a duration like 200ms or 2s")
    }

    static func rate(_ key: String, _ s: String) throws -> Double {
        guard let v = Double(s), (0...1).contains(v) else { throw ParseError(description: "\(key) must be between 0 and 1, not \(s)") }
        return v
    }
}

/// The faults a running sandbox injects, changeable while it serves (`PUT /sandbox/faults`),
/// so a test can switch faults off and watch a client recover.
public final class FaultSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var config: FaultConfig
    private var injectedCount = 0

    /// Requests answered with an injected fault so far.
    public var injected: Int { lock.withLock { injectedCount } }
    func countInjected() { lock.withLock { injectedCount += 1 } }

    public init(_ config: FaultConfig) { self.config = config }

    public var current: FaultConfig {
        get { lock.withLock { config } }
        set { lock.withLock { config = newValue } }
    }
}
