import ForeignServer
import Foundation
import HubAPI
import HubCore
import HubSandbox
import Testing
@testable import HubLive

/// Issue 25: a submission whose answer was lost is reconciled against what the server has for
/// *that* WABA, since the intent began, and still alive. Before, reconcile took the first request
/// with the same client and destination, so a POST that never reached the server was reported
/// "applied" whenever the client had another WABA's request (even a withdrawn one).
@Suite(.serialized) struct PartnerChangeReconcileTests {
    struct Setup {
        let clientId: String
        let wabaA: String
        let wabaB: String
        let numbersB: [String]
        let target: String
    }

    /// A client with two WABAs that may change partner, and a destination that takes it.
    static func setup(_ engine: SandboxEngine) async throws -> Setup? {
        let channels = try await engine.allChannels()
        var wabas: [String: [String: [String]]] = [:]
        for ch in channels {
            guard let client = ch.resolvedClientId, let waba = ch.wabaAccount?.id ?? ch.wabaAccountId else { continue }
            wabas[client, default: [:]][waba, default: []].append(ch.id)
        }
        guard let target = await engine.destinationPartners().first(where: { !$0.differentPaymentProcessor && !$0.autoApprove }) else { return nil }
        for (client, byWaba) in wabas.sorted(by: { $0.key < $1.key }) where byWaba.count >= 2 {
            guard try await engine.partnerChangeEligibility(clientId: client).available else { continue }
            let ids = byWaba.keys.sorted()
            return Setup(clientId: client, wabaA: ids[0], wabaB: ids[1], numbersB: (byWaba[ids[1]] ?? []).sorted(), target: target.id)
        }
        return nil
    }

    @Test func twentyLostSubmissionsNeverReportedAppliedNorSentTwice() async throws {
        var wronglyApplied = 0, sentTwice = 0, trials = 0, lostAnswersFound = 0
        for trial in 0..<20 {
            var config = SandboxConfig()
            config.seed = UInt64(100 + trial)
            config.clients = 40
            config.timeScale = 1 // sandbox time is real time: "created since" means what it says
            let engine = SandboxEngine(config: config)
            guard let s = try await Self.setup(engine) else { continue }
            trials += 1
            let (api, serverTask) = try await serve(SandboxServer(engine: engine))
            defer { serverTask.cancel() }
            let upstream = String(api.baseURL.dropLast("/api/v2".count))
            let proxy = try await DroppingProxy.start(upstream: upstream)
            defer { proxy.stop() }
            var viaProxy = api
            viaProxy.baseURL = proxy.baseURL()
            viaProxy.maxAttempts = 1
            viaProxy.backoffBase = 0.001
            let service = HTTPPartnerService(config: viaProxy)

            // Another WABA's request of the same client to the same destination: withdrawn or
            // still pending. Every other trial, an earlier withdrawn request for WABA B itself.
            let other = try await engine.submitPartnerChange(clientId: s.clientId, wabaAccountId: s.wabaA, targetPartnerId: s.target, idempotencyKey: "a-\(trial)")
            if trial % 2 == 0 { _ = try await engine.withdrawPartnerChange(id: other.partnerChangeRequest.id) }
            if trial % 4 == 1 {
                let old = try await engine.submitPartnerChange(clientId: s.clientId, wabaAccountId: s.wabaB, targetPartnerId: s.target, idempotencyKey: "old-\(trial)")
                _ = try await engine.withdrawPartnerChange(id: old.partnerChangeRequest.id)
            }
            try await Task.sleep(for: .milliseconds(20)) // the intent begins after those

            // Lost on the way there (the server never sees it), or lost on the way back.
            let lose: DroppingProxy.Drop = trial % 3 == 2 ? .answers : .requests
            proxy.drop(lose, pathContains: "/partner_change")
            let folder = NSTemporaryDirectory() + "ph-pcr-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let db = try HubDatabase.open(path: folder + "/partnerhub.sqlite").0
            let pipeline = OperationPipeline(service: service, database: db, connection: "t", agent: "ana", attempts: 2, retryDelay: .milliseconds(1))
            let mutation = Mutation.submitPartnerChange(clientId: s.clientId, wabaAccountId: s.wabaB, targetPartnerId: s.target, channelIds: s.numbersB)
            let outcome = await pipeline.perform(MutationRequest(mutation: mutation, idempotencyKey: "b-\(trial)", correlation: 1))
            guard case .unknown = outcome else { Issue.record("trial \(trial): expected no clear answer, got \(outcome)"); continue }
            let reachedBefore = proxy.forwarded.filter { $0.hasPrefix("POST") && $0.hasSuffix("/partner_change") }.count
            #expect(reachedBefore == (lose == .requests ? 0 : 2), "trial \(trial)")

            proxy.drop(.nothing, pathContains: "")
            let notes = await pipeline.reconcile()
            let reported = notes.map(\.text).joined(separator: "\n")
            if lose == .requests && reported.contains("it was applied") { wronglyApplied += 1 }
            if lose == .answers && reported.contains("it was applied") { lostAnswersFound += 1 }
            let forB = try await engine.listPartnerChangeRequests(ListQuery(limit: 1000)).items.filter {
                !Set($0.channelIds ?? []).isDisjoint(with: s.numbersB) && $0.status != .withdrawn
            }
            if forB.count != 1 { sentTwice += 1; Issue.record("trial \(trial): \(forB.count) live requests for WABA B; notes: \(reported)") }
            #expect(try db.operation(key: "b-\(trial)")?.state == .succeeded, "trial \(trial): \(reported)")
            // The audit names the request that is B's, never A's.
            let audit = try db.auditLog().last?.result ?? ""
            #expect(!audit.contains(other.partnerChangeRequest.id), "trial \(trial): audit names another WABA's request: \(audit)")
            if let b = forB.first { #expect(audit.contains(b.id), "trial \(trial): \(audit)") }
        }
        #expect(trials >= 15, "most seeds have a client with two WABAs")
        #expect(wronglyApplied == 0, "reported applied though the server never received it")
        #expect(sentTwice == 0)
        #expect(lostAnswersFound > 0, "a lost answer is found applied, not sent again")
    }
}
