import Foundation
import Testing
import HubCore
import HubSandbox
@testable import HubLive

@Suite struct WebhookTranslatorTests {
    func event(_ name: String, _ data: JSONValue) -> WebhookEvent { WebhookEvent(id: "evt1", event: name, data: data) }

    func json<T: Encodable>(_ value: T) -> JSONValue { try! HubJSON.decode(JSONValue.self, from: HubJSON.encode(value)) }

    /// A change seen by webhook and by poll is one notification: same ID, same words.
    @Test func channelLiveMatchesWhatThePollSays() {
        let before = channel("1CH"), after = channel("1CH", live: true, state: "running")
        let polled = ChangeDetector.notifications(old: [before], new: [after], at: t0).first { $0.text.contains(" is live (was ") }
        let r = WebhookTranslator.react(to: event("channel_live", json(after)), at: t0, label: { _ in nil }, previous: { _ in before })
        #expect(r.notification == polled)
        #expect(r.refresh == [.channels])
    }

    /// ... and the store shows it once, whichever comes first.
    @Test func aChangeSeenByWebhookAndPollIsOneNotificationInTheStore() {
        let before = channel("1CH"), after = channel("1CH", live: true, state: "running")
        let polled = ChangeDetector.notifications(old: [before], new: [after], at: t0.addingTimeInterval(3))
        let hooked = WebhookTranslator.react(to: event("channel_live", json(after)), at: t0, label: { _ in nil }, previous: { _ in before }).notification
        var s = AppState(mode: .live, now: t0)
        for n in [hooked].compactMap({ $0 }) + polled { _ = reduce(&s, .notify(n)) }
        #expect(s.notifications.history.filter { $0.id == "1CH-live" }.count == 1, "\(s.notifications.history.map { "\($0.id): \($0.text)" })")
        #expect(Set(s.notifications.history.map(\.id)).count == s.notifications.history.count)
    }

    @Test func documentedEventsAreKnownAndOthersAreFlagged() {
        for name in WebhookTranslator.documented.union(WebhookTranslator.modeled) {
            #expect(!WebhookTranslator.react(to: event(name, .object([:])), at: t0, label: { _ in nil }).unknown, "\(name)")
        }
        let r = WebhookTranslator.react(to: event("phone_number_quality_updated", .object([:])), at: t0, label: { _ in nil })
        #expect(r.unknown && r.notification == nil && r.refresh == [.channels, .clients])
    }

    @Test func violationsPartnerChangesAndRefunds() {
        let v = WebhookTranslator.react(to: event("account_violation", .object(["phone_number": .string("4930123"), "violation_type": .string("SPAM"), "channel_id": .string("1CH")])),
                                        at: t0, label: { $0 == "1CH" ? "+4930123 (Shop)" : nil })
        #expect(v.notification?.text == "+4930123 (Shop): account violation reported by Meta" && v.notification?.level == .error)
        #expect(v.notification?.id == "1CH-violation-account_violation") // as ChangeDetector names it
        let p = WebhookTranslator.react(to: event("partner_change_request_approved", .object(["id": .string("pcr1")])), at: t0, label: { _ in nil })
        #expect(p.notification?.id == "pcr-pcr1-completed" && p.refresh == [.partnerChanges, .channels])
        let r = WebhookTranslator.react(to: event("refund_completed", .object(["id": .string("rf1"), "channel_id": .string("1CH"), "amount": .string("15.00 EUR")])), at: t0, label: { _ in "+49301 (Shop)" })
        #expect(r.notification?.text == "Refund of 15.00 EUR for +49301 (Shop) completed")
    }

    @Test func unknownOrMalformedEventsOnlyMakeThePollComeSooner() {
        let r = WebhookTranslator.react(to: event("cancellation_request", .null), at: t0, label: { _ in nil })
        #expect(r.notification == nil && r.refresh == [.channels])
        let bad = WebhookTranslator.react(to: event("channel_live", .object(["no": .string("id")])), at: t0, label: { _ in nil })
        #expect(bad.notification == nil && bad.refresh == [.channels])
    }

    @Test func listenAddressesAreChecked() throws {
        #expect(try WebhookListener(address: "127.0.0.1:8081").port == 8081)
        #expect(try WebhookListener(address: "localhost:0").host == "localhost")
        for bad in ["8081", "127.0.0.1:", "127.0.0.1:99999", ":80", "host:port"] {
            #expect(throws: WebhookListener.AddressError.self) { try WebhookListener(address: bad) }
        }
    }
}

/// The sandbox delivers its events to the partner's webhook_url; `--webhook-listen` receives
/// them and the feed turns them into notifications before its next scheduled poll.
@Suite struct WebhookDeliveryTests {
    @Test func sandboxEventsReachTheFeedThroughTheListener() async throws {
        var config = SandboxConfig()
        config.clients = 20
        config.timeScale = 3000 // channels walk to live within seconds
        let engine = SandboxEngine(config: config)
        let feed = LiveFeed(service: engine, settings: .init(interval: 3600)) // no scheduled poll during the test
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let listener = try WebhookListener(address: "127.0.0.1:0")
        let listening = Task { try await listener.run(onReady: { portSink.yield($0) }, deliver: { await feed.receive($0) }) }
        defer { listening.cancel() }
        var it = ports.makeAsyncIterator()
        let port = try #require(await it.next())
        _ = try await engine.updatePartner(webhookUrl: "http://127.0.0.1:\(port)/partnerhub/webhook", redirectUrl: nil)
        let server = SandboxServer(engine: engine)
        let serving = Task { try await server.run(host: "127.0.0.1", port: 0) { _ in } }
        defer { serving.cancel() }
        await feed.start()

        var live: HubNotification?
        var actions = feed.actions.makeAsyncIterator()
        let deadline = Date().addingTimeInterval(20)
        while live == nil, Date() < deadline, let a = await actions.next() {
            if case .notify(let n) = a, n.text.contains(" is live (was ") { live = n }
        }
        // The event also makes the channel list come sooner than its hourly schedule (within its 2 s budget).
        var lists = 0
        for _ in 0..<50 where lists < 2 {
            lists = await engine.requests().filter { $0.operation == "channels" }.count
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        await feed.stop()
        #expect(live != nil, "a channel_live event became a notification")
        #expect(await engine.webhookDeliveryCounts.delivered > 0)
        #expect(lists >= 2, "the event made the channel list come sooner")
    }

    @Test func aBodyThatIsNotAnEventGets400() async throws {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let listener = try WebhookListener(address: "127.0.0.1:0")
        let listening = Task { try await listener.run(onReady: { portSink.yield($0) }, deliver: { _ in }) }
        defer { listening.cancel() }
        var it = ports.makeAsyncIterator()
        let port = try #require(await it.next())
        let (out, status) = try curl(["-s", "-o", "-", "-w", "\n%{http_code}", "-X", "POST", "-d", "{\"event\": 3}", "http://127.0.0.1:\(port)/x"])
        #expect(status == "400" && out.contains("not a partner webhook event"))
        let (_, ok) = try curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-d", #"{"id":"e","event":"client_created","data":{}}"#, "http://127.0.0.1:\(port)/"])
        #expect(ok == "200")
    }

    func curl(_ args: [String]) throws -> (String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.dropLast().joined(separator: "\n"), String(lines.last ?? ""))
    }
}
