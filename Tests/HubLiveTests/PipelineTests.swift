import Foundation
import Testing
import HubCore
import HubSandbox
import HubAPI
@testable import HubLive

/// Forwards to the sandbox, with hooks where the pipeline's behaviour shows: a check of the
/// database at the moment a change is sent, a lost answer, and counts of what was called.
actor ProbeService: PartnerService {
    let inner: SandboxEngine
    var addFundsCalls = 0
    var paymentsCalls = 0
    /// Runs when a change arrives, before it is applied (the test looks at the database).
    var onSend: (@Sendable (String) throws -> Void)?
    /// Applies the change, then loses the answer (a timeout the caller cannot tell from "not sent").
    var loseAnswers = false
    var unavailable = false

    init(_ inner: SandboxEngine) { self.inner = inner }
    func hook(_ f: @escaping @Sendable (String) throws -> Void) { onSend = f }
    func setLoseAnswers(_ v: Bool) { loseAnswers = v }
    func setUnavailable(_ v: Bool) { unavailable = v }

    func addFunds(channelId: String, amount: Money, idempotencyKey: String) async throws -> Money {
        addFundsCalls += 1
        try onSend?(idempotencyKey)
        if unavailable { throw ServiceError.unavailable(operation: "Add funds", hubURL: "https://hub.360dialog.com/dashboard/billing") }
        let answer = try await inner.addFunds(channelId: channelId, amount: amount, idempotencyKey: idempotencyKey)
        if loseAnswers { throw ServiceError.timeout }
        return answer
    }
    func payments(channelId: String) async throws -> [Payment] {
        paymentsCalls += 1
        return try await inner.payments(channelId: channelId)
    }
    func updateClient(clientId: String, _ patch: ClientPatch) async throws -> Client { try await inner.updateClient(clientId: clientId, patch) }
    func funds(channelId: String) async throws -> ChannelFunds { try await inner.funds(channelId: channelId) }
    func destinationPartner(id: String) async throws -> PartnerSummary { try await inner.destinationPartner(id: id) }
    func partnerChangeEligibility(clientId: String) async throws -> PartnerChangeEligibility { try await inner.partnerChangeEligibility(clientId: clientId) }
    func withdrawPartnerChange(id: String) async throws -> PartnerChangeRequest { try await inner.withdrawPartnerChange(id: id) }
    func confirmPaymentMethod(partnerChangeRequestId id: String) async throws -> PartnerChangeRequest { try await inner.confirmPaymentMethod(partnerChangeRequestId: id) }

    func partner() async throws -> Partner { try await inner.partner() }
    func listClients(_ q: ListQuery) async throws -> ListEnvelope<Client> { try await inner.listClients(q) }
    func listChannels(_ q: ListQuery) async throws -> ListEnvelope<Channel> { try await inner.listChannels(q) }
    func allChannels(query: ListQuery) async throws -> [Channel] { try await inner.allChannels(query: query) }
    func allClients(query: ListQuery) async throws -> [Client] { try await inner.allClients(query: query) }
    func clientBalance(clientId: String, period: BalancePeriod) async throws -> ClientBalance { try await inner.clientBalance(clientId: clientId, period: period) }
    func listTemplates(wabaAccountId: String, _ q: ListQuery) async throws -> ListEnvelope<Template> { try await inner.listTemplates(wabaAccountId: wabaAccountId, q) }
    func listPartnerChangeRequests(_ q: ListQuery) async throws -> ListEnvelope<PartnerChangeRequest> { try await inner.listPartnerChangeRequests(q) }
    func approvePartnerChangeRequest(id: String) async throws -> PartnerChangeRequest { try await inner.approvePartnerChangeRequest(id: id) }
    func setPartnerChangeAutoApprove(_ e: Bool) async throws -> Bool { try await inner.setPartnerChangeAutoApprove(e) }
    func createTemplate(wabaAccountId: String, _ d: TemplateDraft) async throws -> Template { try await inner.createTemplate(wabaAccountId: wabaAccountId, d) }
    func deleteTemplate(wabaAccountId: String, templateId: String) async throws { try await inner.deleteTemplate(wabaAccountId: wabaAccountId, templateId: templateId) }
    func createChannelAPIKey(channelId: String) async throws -> ChannelAPIKey { try await inner.createChannelAPIKey(channelId: channelId) }
    func health(apiKey: String) async throws -> HealthStatus { try await inner.health(apiKey: apiKey) }
    func phoneNumber(apiKey: String) async throws -> String { try await inner.phoneNumber(apiKey: apiKey) }
    func requestRefund(channelId: String, expectedTotal: Money?, idempotencyKey: String) async throws -> Refund {
        try await inner.requestRefund(channelId: channelId, expectedTotal: expectedTotal, idempotencyKey: idempotencyKey)
    }
    func refunds(channelId: String?) async throws -> [Refund] { try await inner.refunds(channelId: channelId) }
    func submitPartnerChange(clientId: String, wabaAccountId: String, targetPartnerId: String, company: PartnerChangeWizard.CompanyInformation?, idempotencyKey: String) async throws -> PartnerChangeSubmission {
        try await inner.submitPartnerChange(clientId: clientId, wabaAccountId: wabaAccountId, targetPartnerId: targetPartnerId, company: company, idempotencyKey: idempotencyKey)
    }
    func permissions(clientId: String) async throws -> [String] { try await inner.permissions(clientId: clientId) }
    func setPermissions(clientId: String, channelIds: [String]) async throws -> [String] { try await inner.setPermissions(clientId: clientId, channelIds: channelIds) }
    func cloudHealth(apiKey: String) async throws -> CloudHealthStatus { try await inner.cloudHealth(apiKey: apiKey) }
    func users() async throws -> [HubUser] { try await inner.users() }
    func addUser(name: String, email: String, role: String?) async throws -> HubUser { try await inner.addUser(name: name, email: email, role: role) }
}

@Suite struct PipelineTests {
    let folder = NSTemporaryDirectory() + "ph-pipeline-\(UUID().uuidString)"

    func sandbox() -> SandboxEngine {
        var c = SandboxConfig()
        c.seed = 7
        c.clients = 12
        c.timeScale = 0
        return SandboxEngine(config: c)
    }

    func database() throws -> HubDatabase {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try HubDatabase.open(path: folder + "/partnerhub.sqlite").0
    }

    /// A number on pre-payment and an amount in its currency.
    func prepaidChannel(_ engine: SandboxEngine) async throws -> (String, Money) {
        let clients = try await engine.allClients().filter(\.isDirectPayment)
        for ch in try await engine.allChannels() {
            guard let cid = ch.resolvedClientId, clients.contains(where: { $0.id == cid }) else { continue }
            guard let currency = try? await engine.clientBalance(clientId: cid, period: .currentMonth).balance?.currency else { continue }
            let probe = Money(minorUnits: 2500, currency: currency)
            if (try? await engine.addFunds(channelId: ch.id, amount: probe, idempotencyKey: "probe-\(ch.id)")) != nil { return (ch.id, probe) }
        }
        throw ServiceError.notFound("no pre-paid number in the sandbox")
    }

    @Test func auditAndPendingRowsAreWrittenBeforeTheRequestLeaves() async throws {
        let engine = sandbox(), db = try database()
        let (channel, amount) = try await prepaidChannel(engine)
        let probe = ProbeService(engine)
        let seen = SeenRows()
        await probe.hook { key in
            // At the moment the request reaches the server, both rows are already on disk.
            let op = try db.operation(key: key)
            let audit = try db.auditLog()
            seen.record(op?.state.rawValue, audit.last?.action, audit.last?.result)
        }
        let pipeline = OperationPipeline(service: probe, database: db, connection: "t", agent: "ana")
        let request = MutationRequest(mutation: .addFunds(channelId: channel, amount: amount), idempotencyKey: "k-1", correlation: 1)
        let outcome = await pipeline.perform(request)
        guard case .succeeded = outcome else { Issue.record("\(outcome)"); return }
        #expect(seen.values == ["sending", "add-funds", "nil"])
        #expect(try db.operation(key: "k-1")?.state == .succeeded)
        let audit = try db.auditLog()
        #expect(audit.last?.actor == "ana" && audit.last?.target == "channel \(channel)" && audit.last?.result?.hasPrefix("ok: balance") == true)
        #expect(audit.last?.request.contains(channel) == true)
    }

    @Test func theSameKeyNeverActsTwice() async throws {
        let engine = sandbox(), db = try database()
        let (channel, amount) = try await prepaidChannel(engine)
        let before = try await engine.payments(channelId: channel).count
        let probe = ProbeService(engine)
        await probe.setLoseAnswers(true)
        // Every answer is lost: the pipeline retries with the same key; the sandbox acts once.
        let pipeline = OperationPipeline(service: probe, database: db, connection: "t", agent: "ana", attempts: 3, retryDelay: .milliseconds(1))
        let request = MutationRequest(mutation: .addFunds(channelId: channel, amount: amount), idempotencyKey: "k-lost", correlation: 1)
        guard case .unknown = await pipeline.perform(request) else { Issue.record("expected unknown"); return }
        #expect(await probe.addFundsCalls == 3)
        #expect(try await engine.payments(channelId: channel).count == before + 1)
        #expect(try db.operation(key: "k-lost")?.state == .unknown)
        // The agent tries the same intent again: asked first, found applied, not sent.
        await probe.setLoseAnswers(false)
        guard case .succeeded = await pipeline.perform(request) else { Issue.record("expected success"); return }
        #expect(await probe.addFundsCalls == 3)
        #expect(try await engine.payments(channelId: channel).count == before + 1)
        // And once settled, the same key answers from the record.
        guard case .succeeded = await pipeline.perform(request) else { Issue.record("expected success"); return }
        #expect(await probe.addFundsCalls == 3)
    }

    /// After a crash: what the server applied is settled; a keyed intent (funds) the server never
    /// saw is sent once with the same key; an unkeyed one (max channels) is left to the agent.
    @Test func aRestartAsksTheServerFirstAndNeverActsTwice() async throws {
        let engine = sandbox(), db = try database()
        let (channel, amount) = try await prepaidChannel(engine)
        // A crash after sending (applied) and a crash before sending (not applied): rows only.
        let first = ProbeService(engine)
        await first.setLoseAnswers(true)
        let crashed = OperationPipeline(service: first, database: db, connection: "t", agent: "ana", attempts: 1)
        _ = await crashed.perform(MutationRequest(mutation: .addFunds(channelId: channel, amount: amount), idempotencyKey: "applied", correlation: 1))
        func payload(_ m: Mutation) throws -> String { String(decoding: try HubJSON.encoder().encode(m), as: UTF8.self) }
        _ = try db.beginOperation(connection: "t", key: "never-sent", kind: "add-funds", target: "channel \(channel)",
                                  payload: try payload(.addFunds(channelId: channel, amount: amount)), actor: "ana", at: Date())
        let client = try #require(try await engine.allClients().first)
        _ = try db.beginOperation(connection: "t", key: "max-never-sent", kind: "set-max-channels", target: "client \(client.id)",
                                  payload: try payload(.setMaxChannels(clientId: client.id, partnerPayload: client.partnerPayload ?? "", maxChannels: 77)),
                                  actor: "ana", at: Date())
        _ = try db.beginOperation(connection: "other", key: "elsewhere", kind: "add-funds", target: "x", payload: "{}", actor: "ana", at: Date())
        let paymentsBefore = try await engine.payments(channelId: channel).count

        let restarted = ProbeService(engine)
        let pipeline = OperationPipeline(service: restarted, database: db, connection: "t", agent: "ana")
        let notes = await pipeline.reconcile()
        #expect(await restarted.addFundsCalls == 1) // only the one the server never saw, once
        #expect(await restarted.paymentsCalls >= 1)
        let payments = try await engine.payments(channelId: channel)
        #expect(payments.count == paymentsBefore + 1 && payments.filter { $0.idempotencyKey == "never-sent" }.count == 1)
        #expect(notes.count == 3)
        #expect(notes.contains { $0.text.contains("it was applied") && $0.level == .info })
        #expect(notes.contains { $0.text.contains("sent after the restart with the same key") && $0.level == .info })
        #expect(notes.contains { $0.text.contains("was not applied") && $0.text.contains("not sent again") && $0.level == .warning })
        #expect(try await engine.allClients().first { $0.id == client.id }?.maxChannels != 77)
        #expect(try db.operation(key: "applied")?.state == .succeeded)
        #expect(try db.operation(key: "never-sent")?.state == .succeeded)
        #expect(try db.operation(key: "max-never-sent")?.state == .notApplied)
        #expect(try db.operation(key: "elsewhere")?.state == .sending) // another connection's rows are not ours
        #expect(await pipeline.reconcile().isEmpty) // settled: nothing left to ask
        #expect(await restarted.addFundsCalls == 1)
    }

    @Test func refusalsNameTheFieldAndHubStepsAreHandedOver() async throws {
        let engine = sandbox(), db = try database()
        let client = try #require(try await engine.allClients().first)
        let pipeline = OperationPipeline(service: engine, database: db, connection: "t", agent: "ana")
        let bad = MutationRequest(mutation: .setMaxChannels(clientId: client.id, partnerPayload: client.partnerPayload ?? "", maxChannels: 0),
                                  idempotencyKey: "mc", correlation: 1)
        guard case .failed(let message, let field) = await pipeline.perform(bad) else { Issue.record("expected a refusal"); return }
        #expect(field == "max_channels" && message.contains("between 1 and 100"))
        #expect(try db.auditLog().last?.result?.hasPrefix("failed:") == true)

        let probe = ProbeService(engine)
        await probe.setUnavailable(true)
        let live = OperationPipeline(service: probe, database: db, connection: "t", agent: "ana")
        let outcome = await live.perform(MutationRequest(mutation: .addFunds(channelId: "x", amount: Money(minorUnits: 1, currency: Currency(code: "EUR")!)),
                                                         idempotencyKey: "hub", correlation: 2))
        #expect(outcome == .handedToHub(url: "https://hub.360dialog.com/dashboard/billing"))
        #expect(try db.auditLog().last?.result == "handed to the Hub: https://hub.360dialog.com/dashboard/billing")
        // Without a database nothing is sent: the audit row must come first.
        let none = OperationPipeline(service: probe, database: nil, connection: "t", agent: "ana")
        let calls = await probe.addFundsCalls
        guard case .failed = await none.perform(MutationRequest(mutation: .addFunds(channelId: "x", amount: Money(minorUnits: 1, currency: Currency(code: "EUR")!)),
                                                               idempotencyKey: "nodb", correlation: 3)) else { Issue.record("expected a refusal"); return }
        #expect(await probe.addFundsCalls == calls)
    }
}

/// What the hook saw, from inside the service's actor.
final class SeenRows: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [String] = []
    func record(_ a: String?, _ b: String?, _ c: String?) {
        lock.lock(); defer { lock.unlock() }
        values = [a ?? "nil", b ?? "nil", c ?? "nil"]
    }
}

/// Issue 27: one retry layer. The HTTP transport retried a change 4 times and the pipeline
/// sent it 3 times, so one refund against a failing server went out 12 times; a new user (no
/// key) went out 3 times. Now the transport sends a change once and the pipeline alone decides.
@Suite struct OneRetryLayerTests {
    actor Failing: HTTPTransport {
        private(set) var sent: [String] = []
        func send(_ request: HTTPRequestSpec, timeout: TimeInterval) async throws -> HTTPResponseSpec {
            let path = URL(string: request.url)?.path ?? ""
            // A server that models refunds and users (as the sandbox does), then fails every call.
            if path.hasSuffix("/sandbox/capabilities") {
                return HTTPResponseSpec(status: 200, headers: [:], body: Data(#"{"modeled":["refunds","users","funds"]}"#.utf8))
            }
            sent.append("\(request.method) \(path)")
            return HTTPResponseSpec(status: 502, headers: [:], body: Data(#"{"meta":{"developer_message":"down"}}"#.utf8))
        }
    }

    func service(_ t: Failing) -> HTTPPartnerService {
        var config = APIConfiguration(baseURL: "http://127.0.0.1:9/api/v2", partnerId: "pPA", credentials: .apiKey("k"))
        config.backoffBase = 0.001
        return HTTPPartnerService(config: config, transport: t, sleep: { _ in }, now: { Date() })
    }

    @Test func aChangeIsSentAtMostThePipelinesAttemptsAndAnUnkeyedOneOnce() async throws {
        let t = Failing()
        let db = try HubDatabase.open(path: NSTemporaryDirectory() + "retry-\(UUID().uuidString).sqlite").0
        let pipeline = OperationPipeline(service: service(t), database: db, connection: "t", agent: "ana", attempts: 3, retryDelay: .milliseconds(1))
        let refund = MutationRequest(mutation: .requestRefund(channelId: "c1CH", expectedTotal: nil), idempotencyKey: "k1", correlation: 1)
        let outcome = await pipeline.perform(refund)
        guard case .unknown = outcome else { Issue.record("expected unknown: \(outcome)"); return }
        let sent = await t.sent
        #expect(sent.filter { $0.hasPrefix("POST") }.count == 3, "\(sent)")
        let user = MutationRequest(mutation: .addUser(name: "Mia", email: "mia@x.example", role: nil), idempotencyKey: "k2", correlation: 2)
        let before = await t.sent.count
        guard case .unknown(let why) = await pipeline.perform(user) else { Issue.record("expected unknown"); return }
        #expect(await t.sent.count - before == 1, "a new user is never sent twice on an unclear answer")
        #expect(why.contains("not sent again"))
        // Reads still retry in the transport.
        _ = try? await service(t).partner()
        #expect(await t.sent.filter { $0.hasPrefix("GET") }.count == 4)
    }
}
