import Foundation
import Testing
import HubCore
@testable import HubLive
import HubSandbox

/// C15: at most one health request per key per 5 minutes, across two partnerhubs sharing one
/// database and across a restart, and a retry after an error never breaks it.
@Suite struct HealthChecksTests {
    /// A live, running number of the sandbox with a fresh key, and the sandbox's request count.
    func setUp() async throws -> (engine: SandboxEngine, key: String, phone: String, platform: HostingPlatform) {
        var config = SandboxConfig()
        config.seed = 11
        config.clients = 10
        config.timeScale = 0
        config.healthCacheSeconds = 0 // the sandbox answers every request: the rule under test is ours
        let engine = SandboxEngine(config: config)
        let ch = try #require(try await engine.allChannels().first { $0.lifecycle() == .live && $0.integration?.isRunning == true })
        _ = try await engine.setPermissions(clientId: ch.clientId!, channelIds: [ch.id])
        let key = try await engine.createChannelAPIKey(channelId: ch.id).apiKey
        return (engine, key, ch.setupInfo?.phoneNumber ?? "", ch.hostingPlatform)
    }

    func healthRequests(_ e: SandboxEngine) async -> Int { await e.requests().filter { $0.operation == "health" }.count }

    @Test func twoInstancesOnOneDatabaseAskOncePerFiveMinutes() async throws {
        let (engine, key, phone, platform) = try await setUp()
        let folder = NSTemporaryDirectory() + "ph-health-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let clock = ManualTime(Date(timeIntervalSince1970: 1_800_000_000))
        let dbA = try HubDatabase.open(path: folder + "/db.sqlite").0
        let dbB = try HubDatabase.open(path: folder + "/db.sqlite").0
        let a = HealthChecks(service: engine, store: dbA, now: { clock.now })
        let b = HealthChecks(service: engine, store: dbB, now: { clock.now })

        let first = await a.check(apiKey: key, platform: platform)
        #expect(!first.fromCache && first.health?.isHealthy == true && first.phoneNumber == phone)
        #expect(await healthRequests(engine) == 1)
        clock.advance(by: 60)
        // The other instance, a minute later: the first answer, aged, and no request.
        let second = await b.check(apiKey: key, platform: platform)
        #expect(second.fromCache && second.health == first.health && second.phoneNumber == phone)
        #expect(second.age(now: clock.now) == "checked 1 min ago, next check possible in 4 min")
        #expect(await healthRequests(engine) == 1)
        // A restart (a new store on the same file) within the window: still none.
        clock.advance(by: 200)
        let dbC = try HubDatabase.open(path: folder + "/db.sqlite").0
        #expect(await HealthChecks(service: engine, store: dbC, now: { clock.now }).check(apiKey: key, platform: platform).fromCache)
        #expect(await healthRequests(engine) == 1)
        // Five minutes after the request: asked again, by whichever instance comes first.
        clock.advance(by: 41)
        #expect(await b.check(apiKey: key, platform: platform).fromCache == false)
        #expect(await a.check(apiKey: key, platform: platform).fromCache == true)
        #expect(await healthRequests(engine) == 2)
        // Nothing of the key is in the database, only its digest.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/db.sqlite"))
            + ((try? Data(contentsOf: URL(fileURLWithPath: folder + "/db.sqlite-wal"))) ?? Data())
        #expect(bytes.range(of: Data(key.utf8)) == nil)
    }

    @Test func aRetryAfterAnErrorWaitsForTheWindowToo() async throws {
        let (engine, _, _, _) = try await setUp()
        let clock = ManualTime(Date(timeIntervalSince1970: 1_800_000_000))
        let checks = HealthChecks(service: engine, store: InMemoryHealthStore(), now: { clock.now })
        let bad = await checks.check(apiKey: "not-a-key", platform: .onPremise)
        #expect(bad.health == nil && bad.problem?.contains("Invalid api key") == true && !bad.fromCache)
        #expect(await healthRequests(engine) == 1)
        // The agent retries at once and again after a minute: the error again, no request.
        for _ in 0..<2 {
            let again = await checks.check(apiKey: "not-a-key", platform: .onPremise)
            #expect(again.fromCache && again.problem == bad.problem)
            clock.advance(by: 60)
        }
        #expect(await healthRequests(engine) == 1)
        clock.advance(by: 181)
        _ = await checks.check(apiKey: "not-a-key", platform: .onPremise)
        #expect(await healthRequests(engine) == 2)
    }

    @Test func eachPlatformAsksItsOwnEndpointAndSaysWhenATicketIsNeeded() async throws {
        let cloud = MessagingHealth.cloud(CloudHealthStatus(canSendMessage: "BLOCKED", entities: [
            .init(entityType: "PHONE_NUMBER", id: "1", canSendMessage: "BLOCKED",
                  errors: [.init(errorCode: 131031, errorDescription: "Restricted\u{1b}[2J", possibleSolution: "Open a ticket")])]))
        #expect(cloud.needsSupportTicket && !cloud.isHealthy)
        #expect(cloud.details.count == 2 && cloud.details[1].hasSuffix("(Open a ticket)") && !cloud.details.joined().contains("\u{1b}"))
        for status in ["disconnected", "uninitialized", "unregistered"] {
            #expect(MessagingHealth.onPremise(HealthStatus(gatewayStatus: status)).needsSupportTicket)
        }
        #expect(!MessagingHealth.onPremise(HealthStatus(gatewayStatus: "connected")).needsSupportTicket)
        // The sandbox counts both endpoints as "health"; each platform reaches its own.
        let (engine, key, _, _) = try await setUp()
        let checks = HealthChecks(service: engine, store: InMemoryHealthStore())
        if case .cloud? = await checks.check(apiKey: key, platform: .cloudAPI).health {} else { Issue.record("cloud endpoint not used") }
        let other = HealthChecks(service: engine, store: InMemoryHealthStore())
        if case .onPremise? = await other.check(apiKey: key, platform: .onPremise).health {} else { Issue.record("on-premise endpoint not used") }
    }
}
