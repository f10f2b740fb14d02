import Foundation
import Testing
import HubAPI
import HubCore
import HubSandbox

@Suite struct AuthTests {
    @Test func withoutAKeyTheSandboxAnswers401WithAMetaBody() async throws {
        let time = ManualTime(reference + 3600)
        try await withHTTPSandbox(makeEngine(time: time)) { base in
            let raw = AsyncHTTPTransport()
            let r = try await raw.send(HTTPRequestSpec(method: "GET", url: base + "/partners/sandboxPA/clients"), timeout: 30)
            #expect(r.status == 401)
            let body = try HubJSON.decode(APIErrorBody.self, from: r.body)
            #expect(body.meta.httpCode == 401 && body.meta.success == false)
            let wrong = try await raw.send(HTTPRequestSpec(method: "GET", url: base + "/partners/sandboxPA/clients", headers: [("X-API-Key", "nope")]), timeout: 30)
            #expect(wrong.status == 401)
            let client = makeClient(base, time: time, credentials: .apiKey("nope"))
            await #expect(throws: ServiceError.self) { try await client.partner() }
        }
    }

    @Test func tokenAuthFetchesRenewsBeforeExpiryAndOnceOn401() async throws {
        let time = ManualTime(reference + 3600)
        let engine = makeEngine(time: time) { $0.tokenLifetime = 3600 }
        try await withHTTPSandbox(engine) { base in
            let transport = ScriptedTransport()
            let client = makeClient(base, time: time, credentials: .password(username: "agent@partner.example", password: "sandbox-password"), transport: transport)
            _ = try await client.partner()
            _ = try await client.partner()
            #expect(await transport.paths.filter { $0.hasSuffix("/token") }.count == 1)
            // Near expiry the token is renewed before the call, not after a failure.
            time.advance(by: 3600 - 30)
            _ = try await client.partner()
            #expect(await transport.paths.filter { $0.hasSuffix("/token") }.count == 2)
            #expect(await transport.requests.filter { URL(string: $0.url)!.path.hasSuffix("sandboxPA") }.count == 3)
            // The server forgets tokens: one 401, one renewal, then success.
            await engine.revokeTokens()
            _ = try await client.partner()
            let paths = await transport.paths
            #expect(paths.suffix(3) == ["/api/v2/partners/sandboxPA", "/api/v2/token", "/api/v2/partners/sandboxPA"])
        }
    }

    @Test func wrongPasswordIsAClearError() async throws {
        let time = ManualTime(reference + 3600)
        try await withHTTPSandbox(makeEngine(time: time)) { base in
            let client = makeClient(base, time: time, credentials: .password(username: "agent@partner.example", password: "wrong"))
            do {
                _ = try await client.partner()
                Issue.record("wrong password accepted")
            } catch let error as ServiceError {
                #expect(error.description == "Not authorised: Wrong email or password.")
                #expect(!error.description.contains("wrong")) // the password never shows
            }
        }
    }
}

@Suite struct FaultTests {
    let config = APIConfiguration(baseURL: "http://127.0.0.1:9/api/v2", partnerId: "sandboxPA", credentials: .apiKey("k"))

    func client(_ steps: [ScriptedTransport.Step], sleeps: SleepLog) -> (HTTPPartnerService, ScriptedTransport) {
        let t = ScriptedTransport(steps)
        return (HTTPPartnerService(config: config, transport: t, sleep: { await sleeps.add($0) }), t)
    }

    let partnerJSON = #"{"id": "sandboxPA", "brand_name": "X"}"#

    @Test func honoursRetryAfterOn429() async throws {
        let sleeps = SleepLog()
        let (c, t) = client([.respond(json(429, #"{"meta": {"http_code": 429, "developer_message": "slow down"}}"#, headers: ["retry-after": "7"])),
                             .respond(json(200, partnerJSON))], sleeps: sleeps)
        #expect(try await c.partner().id == "sandboxPA")
        #expect(await sleeps.values == [7])
        #expect(await t.requests.count == 2)
    }

    @Test func givesUpOn429AfterMaxAttemptsWithTheWait() async throws {
        let sleeps = SleepLog()
        let r = json(429, "{}", headers: ["retry-after": "3"])
        let (c, _) = client(Array(repeating: .respond(r), count: 4), sleeps: sleeps)
        await #expect(throws: ServiceError.rateLimited(retryAfter: 3)) { try await c.partner() }
    }

    @Test func retries5xxForIdempotentCallsOnly() async throws {
        let sleeps = SleepLog()
        let (c, t) = client([.respond(json(503, "{}")), .respond(json(502, "oops")), .respond(json(200, partnerJSON))], sleeps: sleeps)
        #expect(try await c.partner().id == "sandboxPA")
        #expect(await t.requests.count == 3)
        let backoffs = await sleeps.values
        #expect(backoffs.count == 2 && backoffs[0] <= 0.5 && backoffs[1] <= 1.0) // full jitter under the cap

        let (post, pt) = client([.respond(json(503, #"{"meta": {"http_code": 503, "developer_message": "down"}}"#))], sleeps: SleepLog())
        do {
            _ = try await post.createTemplate(wabaAccountId: "wWA", TemplateDraft(name: "x", category: .utility, language: "en", components: []))
            Issue.record("5xx on a POST succeeded")
        } catch ServiceError.api(let status, let body) {
            #expect(status == 503 && body.meta.developerMessage == "down")
        }
        #expect(await pt.requests.count == 1) // a POST without idempotency key is never sent twice
    }

    @Test func timeoutsAreRetriedThenReported() async throws {
        let (c, t) = client([.fail(.timeout), .respond(json(200, partnerJSON))], sleeps: SleepLog())
        #expect(try await c.partner().id == "sandboxPA")
        #expect(await t.requests.count == 2)
        let (d, _) = client(Array(repeating: .fail(.timeout), count: 4), sleeps: SleepLog())
        await #expect(throws: ServiceError.timeout) { try await d.partner() }
    }

    @Test func malformedAndTruncatedBodiesNameTheProblem() async throws {
        let truncated = json(200, #"{"count": 3, "partner_channels": [{"id": "trunc"#)
        let (c, t) = client(Array(repeating: .respond(truncated), count: 4), sleeps: SleepLog())
        do {
            _ = try await c.listChannels(ListQuery())
            Issue.record("truncated body decoded")
        } catch ServiceError.malformed(let m) {
            #expect(m.description.hasPrefix("malformed API data"))
        }
        #expect(await t.requests.count == 4)
        var cfg = config
        cfg.maxAttempts = 1
        let single = HTTPPartnerService(config: cfg, transport: ScriptedTransport([.respond(json(200, #"{"count": 1, "partner_channels": [{"client_id": "x"}]}"#))]), sleep: { _ in })
        do {
            _ = try await single.listChannels(ListQuery())
        } catch ServiceError.malformed(let m) {
            #expect(m.path == "partner_channels[0].id")
        }
    }

    @Test func errorBodiesBecomeTypedErrors() async throws {
        let (c, _) = client([.respond(json(404, #"{"meta": {"success": false, "http_code": 404, "developer_message": "Client not found", "details": ["client_id"]}}"#))], sleeps: SleepLog())
        do {
            _ = try await c.updateClient(clientId: "xCL", ClientPatch(partnerPayload: "", maxChannels: 2))
        } catch let e as ServiceError {
            #expect(e == .api(status: 404, body: APIErrorBody(httpCode: 404, developerMessage: "Client not found", details: ["client_id"])))
            #expect(e.description == "API error 404: Client not found: client_id")
        }
        let (d, _) = client([.respond(json(403, "<html>nope</html>"))], sleeps: SleepLog())
        do { _ = try await d.partner() } catch ServiceError.api(let status, let body) {
            #expect(status == 403 && body.meta.developerMessage == "Forbidden")
        }
    }

    @Test func liveModeReportsModeledOperationsAsUnavailable() async throws {
        let live = HTTPPartnerService(config: APIConfiguration(partnerId: "xPA", credentials: .apiKey("k")), transport: ScriptedTransport())
        do {
            _ = try await live.requestRefund(channelId: "aCH", idempotencyKey: "k")
            Issue.record("refund sent to the real API")
        } catch let e as ServiceError {
            #expect(e == .unavailable(operation: "Refund account funds", hubURL: "https://hub.360dialog.com"))
        }
    }

    @Test func filtersAndSortAreEncodedForTheWire() async throws {
        let t = ScriptedTransport([.respond(json(200, #"{"count": 0, "total": 0, "partner_channels": []}"#))])
        let c = HTTPPartnerService(config: config, transport: t, sleep: { _ in })
        _ = try await c.listChannels(ListQuery(filters: ["setup_info.phone_number": "+4930"], limit: 50, offset: 10, sort: ["-created_at", "id"]))
        let url = try #require(await t.requests.first?.url)
        let items = URLComponents(string: url)!.queryItems!
        #expect(items.first { $0.name == "filters" }?.value == #"{"setup_info.phone_number":"+4930"}"#)
        #expect(items.first { $0.name == "sort" }?.value == "-created_at,id")
        #expect(url.contains("%2B4930"))
    }
}

@Suite struct RateLimitTests {
    /// However often the agent asks, the client keeps to 1 balance request per 10 s per client,
    /// so the sandbox never answers 429.
    @Test func balanceRequestsArePacedSoTheServerNeverSays429() async throws {
        let time = ManualTime(reference + 3600)
        let engine = makeEngine(time: time)
        try await withHTTPSandbox(engine) { base in
            let transport = ScriptedTransport()
            let client = makeClient(base, time: time, transport: transport)
            let direct = try #require(try await client.allClients().first { $0.isDirectPayment })
            let start = time.now
            for _ in 0..<6 { _ = try await client.clientBalance(clientId: direct.id, period: .currentMonth) }
            #expect(time.now.timeIntervalSince(start) >= 50) // 6 requests need 5 waits of 10 s
            #expect(await transport.paths.filter { $0.hasSuffix("/info/balance") }.count == 6)
        }
    }

    @Test func theHTTPSandboxAnswers429WithRetryAfter() async throws {
        let time = ManualTime(reference + 3600)
        try await withHTTPSandbox(makeEngine(time: time)) { base in
            let raw = AsyncHTTPTransport()
            let engineClients = try await makeClient(base, time: time).allClients()
            let id = try #require(engineClients.first { $0.isDirectPayment }).id
            let req = HTTPRequestSpec(method: "GET", url: base + "/partners/sandboxPA/clients/\(id)/info/balance", headers: [("X-API-Key", "sandbox-key")])
            #expect(try await raw.send(req, timeout: 5).status == 200)
            let second = try await raw.send(req, timeout: 5)
            #expect(second.status == 429 && second.headers["retry-after"] == "10")
            #expect(try HubJSON.decode(APIErrorBody.self, from: second.body).meta.httpCode == 429)
        }
    }

    @Test func faultySandboxIsSurvived() async throws {
        let time = ManualTime(reference + 3600)
        var faults = FaultConfig()
        faults.errorRate = 1
        try await withHTTPSandbox(makeEngine(time: time), faults: faults) { base in
            let client = makeClient(base, time: time)
            do {
                _ = try await client.partner()
                Issue.record("all-failing sandbox answered")
            } catch ServiceError.api(let status, _) {
                #expect(status == 503)
            }
        }
        var malformed = FaultConfig()
        malformed.malformedRate = 1
        try await withHTTPSandbox(makeEngine(time: time), faults: malformed) { base in
            await #expect(throws: ServiceError.self) { try await makeClient(base, time: time).listChannels(ListQuery()) }
        }
    }

    @Test func faultSpecParses() throws {
        let f = try FaultConfig.parse("latency=200ms,error-rate=0.2,timeout-rate=0.05,malformed-rate=0.05")
        #expect(f.latency == 0.2 && f.errorRate == 0.2 && f.timeoutRate == 0.05 && f.malformedRate == 0.05)
        #expect(try FaultConfig.parse("off").isOff)
        #expect(throws: FaultConfig.ParseError.self) { try FaultConfig.parse("error-rate=2") }
        #expect(throws: FaultConfig.ParseError.self) { try FaultConfig.parse("jitter=1") }
    }
}

actor SleepLog {
    private(set) var values: [TimeInterval] = []
    func add(_ v: TimeInterval) { values.append(v) }
}

@Suite struct CancellationTests {
    /// A cancelled call stops waiting: no retry, no hang.
    @Test func cancellingAPagedCallStopsIt() async throws {
        let config = APIConfiguration(baseURL: "http://127.0.0.1:9/api/v2", partnerId: "xPA", credentials: .apiKey("k"))
        let t = ScriptedTransport(Array(repeating: .fail(.timeout), count: 10))
        let c = HTTPPartnerService(config: config, transport: t, sleep: { try await Task.sleep(nanoseconds: UInt64($0 * 1e9) + 200_000_000) })
        let task = Task { try await c.listChannels(ListQuery()) }
        try await Task.sleep(nanoseconds: 50_000_000)
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(await t.requests.count < 4)
    }
}
