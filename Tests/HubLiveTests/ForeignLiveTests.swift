import ForeignServer
import Foundation
import HubAPI
import HubCore
import Logging
import Testing
@testable import HubLive

/// The live engine against a server that is not the sandbox: permanent errors stop polling with
/// a clear state instead of backing off forever; a 403 on one client is that client's only;
/// unknown webhook events are logged and make the lists poll.
@Suite(.serialized) struct ForeignLiveTests {
    func service(_ server: ForeignPartnerServer, base: String? = nil, key: String = ForeignPartnerServer.apiKey) -> HTTPPartnerService {
        var config = APIConfiguration(baseURL: base ?? server.baseURL, partnerId: ForeignPartnerServer.partnerId, credentials: .apiKey(key))
        config.timeout = 5
        config.backoffBase = 0.01
        config.maxAttempts = 1
        return HTTPPartnerService(config: config)
    }

    /// Collects actions until `done` says so or `seconds` pass.
    func collect(_ feed: LiveFeed, seconds: Double, until done: @escaping @Sendable ([Action]) -> Bool) async -> [Action] {
        let box = ActionBox()
        let reader = Task {
            for await a in feed.actions { await box.add(a) }
        }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !done(await box.all) { try? await Task.sleep(nanoseconds: 50_000_000) }
        reader.cancel()
        return await box.all
    }

    static func stoppedReason(_ actions: [Action]) -> String? {
        for a in actions { if case .liveStatusChanged(let s) = a, case .stopped(let r) = s.phase { return r } }
        return nil
    }

    @Test func aWrongBaseURLStopsPollingWithTheHint() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let feed = LiveFeed(service: service(server, base: server.origin), settings: .init(interval: 1, minimumGap: 1))
        await feed.start()
        let actions = await collect(feed, seconds: 10) { Self.stoppedReason($0) != nil }
        let reason = try #require(Self.stoppedReason(actions))
        #expect(reason.contains("--api-base must end in /api/v2"))
        let asked = server.requests("/partners/")
        try await Task.sleep(nanoseconds: 3_000_000_000) // three intervals: a backing-off feed would ask again
        #expect(server.requests("/partners/") == asked, "no request after the stop")
        // The agent's refresh tries again (and stops again).
        _ = await feed.refreshNow()
        try await Task.sleep(nanoseconds: 500_000_000)
        #expect(server.requests("/partners/") > asked)
        await feed.stop()
    }

    @Test func rejectedCredentialsStopPolling() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let feed = LiveFeed(service: service(server, key: "revoked"), settings: .init(interval: 1, minimumGap: 1))
        await feed.start()
        let actions = await collect(feed, seconds: 10) { Self.stoppedReason($0) != nil }
        #expect(Self.stoppedReason(actions)?.hasPrefix("Credentials rejected") == true)
        let asked = server.requests("/api/v2/partners/")
        try await Task.sleep(nanoseconds: 3_000_000_000)
        #expect(server.requests("/api/v2/partners/") == asked)
        await feed.stop()
    }

    @Test func aForbiddenClientIsThatClientsProblemOnly() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let forbidden = "/api/v2/partners/fgnPA/clients/fgn3CL/info/balance"
        server.respond(forbidden, status: 403)
        let feed = LiveFeed(service: service(server), settings: .init(interval: 1, minimumGap: 1))
        await feed.watchBalances(["fgn1CL", "fgn3CL"], focused: nil)
        await feed.start()
        @Sendable func seen(_ actions: [Action]) -> (failed: String?, loaded: Bool, snapshot: Bool) {
            var failed: String?, loaded = false, snapshot = false
            for a in actions {
                switch a {
                case .clientDataFailed(let id, let reason) where id == "fgn3CL": failed = reason
                case .balanceLoaded(let id, _) where id == "fgn1CL": loaded = true
                case .snapshotLoaded: snapshot = true
                default: break
                }
            }
            return (failed, loaded, snapshot)
        }
        let actions = await collect(feed, seconds: 10) { let s = seen($0); return s.failed != nil && s.loaded && s.snapshot }
        let s = seen(actions)
        #expect(s.failed?.contains("403") == true)
        #expect(s.loaded, "the other client's balance still loads")
        #expect(s.snapshot, "the lists still load")
        #expect(Self.stoppedReason(actions) == nil, "the connection is not stopped for one client")
        try await Task.sleep(nanoseconds: 3_000_000_000)
        #expect(server.requests(forbidden) == 1, "the forbidden client is not asked again by itself")
        await feed.stop()
    }

    /// Issue 25: one 400 on the channel list used to stop monitoring for good ("stopped", and
    /// `watch` exited 1). It is shown, backed off and asked again; the list comes back by itself.
    @Test func aBadRequestOnTheListIsRetriedNotTheEndOfMonitoring() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let channels = "/api/v2/partners/fgnPA/channels"
        server.respond(channels, status: 400)
        let feed = LiveFeed(service: service(server), settings: .init(interval: 1, minimumGap: 1))
        await feed.start()
        @Sendable func failing(_ actions: [Action]) -> String? {
            for a in actions { if case .liveStatusChanged(let s) = a, case .backingOff(let r, _) = s.phase { return r } }
            return nil
        }
        // One reader for the whole test: the feed's stream has one consumer.
        let box = ActionBox()
        let reader = Task { for await a in feed.actions { await box.add(a) } }
        defer { reader.cancel() }
        @Sendable func loaded(_ actions: [Action]) -> Bool { actions.contains { if case .snapshotLoaded = $0 { return true } else { return false } } }
        var deadline = Date().addingTimeInterval(10)
        while Date() < deadline, failing(await box.all) == nil { try await Task.sleep(for: .milliseconds(50)) }
        let early = await box.all
        #expect(failing(early)?.contains("400") == true, "the refusal is shown")
        #expect(Self.stoppedReason(early) == nil, "a 400 does not stop monitoring")
        #expect(!loaded(early))
        let refused = server.requests(channels)
        server.respond(channels, status: nil)
        deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !loaded(await box.all) { try await Task.sleep(for: .milliseconds(50)) }
        let later = await box.all
        #expect(server.requests(channels) > refused, "asked again after the 400")
        #expect(loaded(later), "the list loads once the server answers")
        #expect(Self.stoppedReason(later) == nil)
        await feed.stop()
    }

    @Test func unknownWebhookEventsAreLoggedAndPollTheLists() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let lines = LogLines()
        let feed = LiveFeed(service: service(server), settings: .init(interval: 3600),
                            logger: Logger(label: "test", factory: { _ in CapturingLogHandler(lines: lines) }))
        await feed.start()
        _ = await collect(feed, seconds: 10) { $0.contains { if case .snapshotLoaded = $0 { return true }; return false } }
        let before = server.requests("/api/v2/partners/fgnPA/channels")
        await feed.receive(WebhookEvent(id: "evt-9", event: "phone_number_quality_updated\u{1B}]0;pwned\u{07}", data: .object([:])))
        try await Task.sleep(nanoseconds: 2_500_000_000) // the lists' 1-per-2-s budget
        #expect(server.requests("/api/v2/partners/fgnPA/channels") > before)
        let logged = lines.all.joined(separator: "\n")
        #expect(logged.contains("unknown event phone_number_quality_updated"))
        #expect(!logged.contains("\u{1B}"), "server text is sanitised in the log")
        await feed.stop()
    }
}

actor ActionBox {
    var all: [Action] = []
    func add(_ a: Action) { all.append(a) }
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ s: String) { lock.withLock { lines.append(s) } }
    var all: [String] { lock.withLock { lines } }
}

struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) { lines.add(event.message.description) }
}

/// The log file: retries and errors are in it, secrets are not, and it is kept under its cap.
@Suite(.serialized) struct LogFileTests {
    @Test func retriesAndErrorsAreLoggedWithoutSecrets() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString)/partnerhub.log").path
        var config = APIConfiguration(baseURL: server.baseURL, partnerId: ForeignPartnerServer.partnerId, credentials: .apiKey("s3cr3t-partner-key"))
        config.backoffBase = 0.01
        server.respond("/api/v2/partners/fgnPA/channels", status: 503)
        let api = HTTPPartnerService(config: config, logger: .file(path))
        _ = try? await api.listChannels(ListQuery())
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("attempt 1 of 4 failed"), "\(text)")
        #expect(text.contains("retrying"))
        #expect(!text.contains("s3cr3t"), "never a secret")
        func mode(_ p: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: p)[.posixPermissions]) as? Int) ?? -1 }
        #expect(mode(path) == 0o600)
        #expect(mode((path as NSString).deletingLastPathComponent) == 0o700)
    }

    @Test func theLogIsKeptUnderItsCap() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString)/partnerhub.log").path
        let log = Logger(label: "t", factory: { _ in FileLogHandler(path: path, maxBytes: 4096) })
        for i in 0..<500 { log.warning("line \(i) \u{1B}[2J with an escape") }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
        let older = ((try? FileManager.default.attributesOfItem(atPath: path + ".1")[.size]) as? Int) ?? 0
        #expect(size <= 4096 + 200 && older > 0 && older <= 4096 + 200, "\(size) / \(older)")
        #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains("\u{1B}"))
    }
}
