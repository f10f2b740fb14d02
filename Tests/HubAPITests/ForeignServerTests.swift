import ForeignServer
import Foundation
import HubAPI
import HubCore
import HubSandbox
import Testing

/// The HTTP client against a Partner API server that is not our sandbox: modeled endpoints are
/// never invented, a wrong base URL or key is one clear error (not a retry loop), and the
/// documented limits hold across retries, errors and concurrent callers.
@Suite(.serialized) struct ForeignServerTests {
    func client(_ server: ForeignPartnerServer, base: String? = nil, partnerId: String = ForeignPartnerServer.partnerId,
                key: String = ForeignPartnerServer.apiKey, time: ManualTime = ManualTime(reference),
                configure: (inout APIConfiguration) -> Void = { _ in }) -> HTTPPartnerService {
        var config = APIConfiguration(baseURL: base ?? server.baseURL, partnerId: partnerId, credentials: .apiKey(key))
        config.timeout = 5
        config.backoffBase = 0.01
        configure(&config)
        return HTTPPartnerService(config: config, sleep: { time.advance(by: $0) }, now: { time.now })
    }

    @Test func modeledOperationsAreHandedToTheHubOnAServerThatDoesNotOfferThem() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let api = client(server)
        for call in [{ _ = try await api.funds(channelId: "fg01CH") }, { _ = try await api.users() },
                     { _ = try await api.refunds(channelId: nil) }, { _ = try await api.destinationPartner(id: "xPA") }] as [@Sendable () async throws -> Void] {
            do {
                try await call()
                Issue.record("a modeled call reached a server that does not serve it")
            } catch ServiceError.unavailable(_, let hub) {
                #expect(hub.hasPrefix("https://hub.360dialog.com"))
            }
        }
        // Asked once, and nothing modeled was sent.
        #expect(server.requests("/api/v2/sandbox/capabilities") == 1)
        #expect(server.requests("/api/v2/partners/fgnPA/channels/") == 0)
        #expect(server.requests("/api/v2/partners/fgnPA/users") == 0)
    }

    @Test func theSandboxSaysWhatItModels() async throws {
        let time = ManualTime(reference)
        try await withHTTPSandbox(makeEngine(time: time)) { base in
            let api = makeClient(base, time: time)
            #expect(await api.capabilities() == .all)
            let users = try await api.users()
            #expect(!users.isEmpty)
        }
    }

    @Test func paymentModelIsThePartnerAccountsNotAnInventedClientField() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        // fgn4CL carries "payment_model": "direct", which the public API does not have.
        let unset = try await client(server).allClients()
        #expect(unset.allSatisfy { $0.paymentModel == nil })
        let partner = try await client(server) { $0.paymentModel = .partner }.allClients()
        #expect(partner.allSatisfy { $0.paymentModel == .partner })
        let direct = try await client(server) { $0.paymentModel = .direct }.allClients()
        #expect(direct.allSatisfy { $0.isDirectPayment })
    }

    @Test func aBaseURLWithoutAPIv2IsAConfigurationErrorAskedOnce() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let api = client(server, base: server.origin)
        do {
            _ = try await api.listChannels(ListQuery())
            Issue.record("a 404 on the partner's channels was not an error")
        } catch ServiceError.misconfigured(let hint) {
            #expect(hint.contains("--api-base must end in /api/v2"))
            #expect(!hint.contains("\n"))
        }
        #expect(server.requests("/partners/") == 1, "a 404 is not retried")
        do {
            _ = try await client(server, partnerId: "fgnXX").partner()
            Issue.record("an unknown partner was not an error")
        } catch ServiceError.misconfigured(let hint) {
            #expect(hint.contains("the partner ID must end in PA"))
        }
    }

    @Test func rejectedCredentialsAreOneErrorNotARetryLoop() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        do {
            _ = try await client(server, key: "wrong").listChannels(ListQuery())
            Issue.record("a wrong key was accepted")
        } catch let e as ServiceError {
            #expect(e.stopsPolling)
            #expect(e.description.contains("Invalid API key"))
        }
        #expect(server.requests("/api/v2/partners/fgnPA/channels") == 1)
    }

    @Test func balanceRetriesWaitForTheWindowAndConcurrentCallersShareOneRequest() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let time = ManualTime(reference)
        let api = client(server, time: time)
        let path = "/api/v2/partners/fgnPA/clients/fgn1CL/info/balance"
        // Three callers at once: one request.
        async let a = api.clientBalance(clientId: "fgn1CL", period: .currentMonth)
        async let b = api.clientBalance(clientId: "fgn1CL", period: .currentMonth)
        async let c = api.clientBalance(clientId: "fgn1CL", period: .currentMonth)
        let answers = try await [a, b, c]
        #expect(answers.allSatisfy { $0.balance == answers[0].balance })
        #expect(server.requests(path) == 1)
        // A server error is retried, but each retry waits for its 10 s slot.
        server.respond(path, status: 503)
        let before = time.now
        _ = try? await api.clientBalance(clientId: "fgn1CL", period: .currentMonth)
        let attempts = server.requests(path) - 1
        #expect(attempts == 4)
        // Attempts at +10, +20, +30 and +40 s: never two within 10 s, retries included.
        #expect(time.now.timeIntervalSince(before) >= 40, "\(attempts) attempts took \(time.now.timeIntervalSince(before)) s of the test clock")
    }

    @Test func healthIsAskedAtMostOncePerFiveMinutesAnswerOrError() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let time = ManualTime(reference)
        let api = client(server, time: time) { $0.messagingBaseURL = server.origin }
        let count = { server.requests("/v1/health") }
        async let a = api.health(apiKey: "k1")
        async let b = api.health(apiKey: "k1")
        _ = try await (a, b)
        #expect(count() == 1, "concurrent callers share one request")
        time.advance(by: 299)
        _ = try await api.health(apiKey: "k1")
        #expect(count() == 1, "within 5 minutes the answer is given again")

        // A failed check is neither retried nor asked again within its window.
        server.respond("/v1/health", status: 500)
        await #expect(throws: ServiceError.self) { try await api.health(apiKey: "k2") }
        #expect(count() == 2)
        time.advance(by: 60)
        await #expect(throws: ServiceError.self) { try await api.health(apiKey: "k2") }
        #expect(count() == 2, "the error is given again for its 5 minutes")
        let window = try #require(await api.healthWindow(apiKey: "k2"))
        #expect(window.nextCheck.timeIntervalSince(window.checkedAt) == 300)
        time.advance(by: 241)
        await #expect(throws: ServiceError.self) { try await api.health(apiKey: "k2") }
        #expect(count() == 3, "after the window it is asked again")
        // The agent may insist; that starts the window again.
        server.respond("/v1/health", status: nil)
        _ = try await api.health(apiKey: "k2", force: true)
        #expect(count() == 4)
        _ = try await api.health(apiKey: "k2")
        #expect(count() == 4)
    }

    @Test func aStallingServerIsATimeoutNotAHang() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        server.set(.stall)
        let api = client(server) { $0.timeout = 0.5; $0.maxAttempts = 2 }
        let started = Date()
        do {
            _ = try await api.listChannels(ListQuery())
            Issue.record("a stalled answer came back")
        } catch let e as ServiceError {
            #expect(e == .timeout, "\(e)")
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func aHugeBodyIsRefusedNotBuffered() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        server.set(.hugeBody)
        let api = client(server) { $0.maxAttempts = 1 }
        do {
            _ = try await api.listChannels(ListQuery())
            Issue.record("a 20 MB body was taken")
        } catch let e as ServiceError {
            #expect(e.description.contains("larger than 16 MB"), "\(e)")
        }
    }
}
