import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HubCore
import HubLive
import Testing
@testable import HubTeam

/// `serve --webhook-listen`: the leader receives partner webhook events and writes what they
/// announce into the team's tables, so every agent hears of a change without waiting for a
/// poll; a standby takes the address over with the lock.
@Suite(.serialized, .tags(.postgres), .enabled(if: TestPostgres.available, TestPostgres.skipReason))
struct TeamWebhookTests {
    /// POSTs `body` to the listener; the HTTP status.
    static func post(_ port: Int, _ body: String) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/hooks/360dialog")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// A number's violation; the phone number carries a screen clear (shown when the channel
    /// is not one the cards know).
    static func violation(_ id: String, channel: String) -> String {
        #"{"id": "\#(id)", "event": "account_violation", "data": {"channel_id": "\#(channel)", "phone_number": "4930\u001b[2J123", "violation_type": "SPAM"}}"#
    }

    @Test func theLeaderReceivesAndTheStandbyTakesOver() async throws {
        let h = try await TeamHarness.make()
        let roles = RoleLog()
        let (_, leaderTask) = h.service("A", roles: roles, webhooks: try WebhookListener(address: "127.0.0.1:0"))
        let (feed, seen, feedTask) = await h.feed("ana")
        #expect(await eventually(15) { await !seen.channels.isEmpty })
        let port = try #require(await roles.listening("A"), "the leader binds the address")
        let channel = try #require(await seen.channels.keys.sorted().first)

        #expect(try await Self.post(port, Self.violation("evt-1", channel: channel)) == 200)
        #expect(await eventually(10) { await seen.notes.contains { $0.0.text.contains("account violation") } }, "every agent hears of it")
        // Not a webhook event: refused with the reason, nothing written.
        #expect(try await Self.post(port, #"{"event": 3}"#) == 400)

        // A standby on the same address: it cannot bind while the leader holds it, and does not
        // try; it binds when it takes the lock.
        let (_, standbyTask) = h.service("B", roles: roles, webhooks: try WebhookListener(address: "127.0.0.1:\(port)"))
        try await Task.sleep(for: .seconds(1))
        #expect(await roles.listening("B") == nil, "a standby does not listen")
        leaderTask.cancel()
        await leaderTask.value
        #expect(await eventually(15) { await roles.listening("B") == port }, "the new leader listens on the same address")
        #expect(try await Self.post(port, Self.violation("evt-2", channel: "unknownCH")) == 200)
        #expect(await eventually(10) { await seen.notes.contains { $0.0.text.contains("+4930") } }, "and its events reach the agents")
        let note = try #require(await seen.notes.first { $0.0.text.contains("+4930") }?.0.text)
        #expect(!note.contains("\u{1B}"), "sanitised as one agent's listener does: \(note)")
        standbyTask.cancel()
        feedTask.cancel()
        await feed.stop()
    }
}
