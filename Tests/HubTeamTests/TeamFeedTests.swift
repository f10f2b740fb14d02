import Foundation
import HubCore
import HubLive
import HubSandbox
import Testing
@testable import HubTeam

@Suite(.serialized, .tags(.postgres), .enabled(if: TestPostgres.available, TestPostgres.skipReason))
struct TeamFeedTests {
    /// One poller, three agents: the same snapshot, then the same notifications in the same
    /// order, each within a second of the poll that saw it; the lists agree with the sandbox.
    @Test func threeAgentsSeeTheSameChangesInOrder() async throws {
        let h = try await TeamHarness.make()
        let (_, serviceTask) = h.service("poller-1")
        var started: [(TeamFeed, Collected, Task<Void, Never>)] = []
        for name in ["ana", "ben", "chloe"] { started.append(await h.feed(name)) }
        let agents = started
        #expect(await eventually(15) {
            for a in agents where await a.1.channels.isEmpty { return false }
            return true
        })
        let initial = await agents[0].1.channels.count
        #expect(initial == (try await h.engine.allChannels(query: ListQuery())).count)

        // Two hours of sandbox time: numbers walk on to live; the next poll sees it.
        h.advance(7200)
        #expect(await eventually(15) { await agents[0].1.notes.count >= 3 })
        try await Task.sleep(for: .seconds(2.5)) // the rest of that poll, and one more
        let first = await agents[0].1.noteIDs
        for a in agents.dropFirst() {
            #expect(await eventually(5) { await a.1.noteIDs == first }, "every agent gets the same notifications in the same order")
        }
        #expect(Set(first).count == first.count, "nothing notified twice")
        for a in agents {
            for (n, arrived) in await a.1.notes {
                #expect(arrived.timeIntervalSince(n.time) < 1.0, "\(n.id) reached an agent \(arrived.timeIntervalSince(n.time)) s after its poll")
            }
        }
        let truth = Dictionary(try await h.engine.allChannels(query: ListQuery()).map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        #expect(await eventually(5) { await agents[2].1.channels.mapValues(\.status) == truth })

        for a in agents { await a.0.stop(); a.2.cancel() }
        serviceTask.cancel()
        await serviceTask.value
    }

    /// Two pollers: exactly one polls. The polling one stops (its session ends, the lock goes
    /// with it); the other polls within one interval. What changed while none polled is
    /// notified once; nothing is notified twice; the agent's lists end equal to the sandbox.
    @Test func standbyTakesOverWithoutLosingOrRepeating() async throws {
        let h = try await TeamHarness.make()
        let roles = RoleLog()
        let (_, taskA) = h.service("A", roles: roles)
        #expect(await eventually(10) { await roles.polling() == ["A"] })
        let (_, taskB) = h.service("B", roles: roles)
        let (feed, seen, feedTask) = await h.feed("ana")
        #expect(await eventually(15) { await !seen.channels.isEmpty })
        h.advance(3600)
        #expect(await eventually(15) { await !seen.notes.isEmpty })
        try await Task.sleep(for: .seconds(2))
        #expect(await roles.polling() == ["A"], "the standby does not poll while A holds the lock")

        taskA.cancel()
        await taskA.value
        let stopped = Date()
        h.advance(3600) // changes while no one polls
        #expect(await eventually(10) { await roles.polling() == ["A", "B"] })
        let tookOver = await roles.firstPolling("B") ?? .distantFuture
        #expect(tookOver.timeIntervalSince(stopped) < 1.0, "B took over \(tookOver.timeIntervalSince(stopped)) s after A stopped (interval 1 s)")
        let before = await seen.notes.count
        #expect(await eventually(15) { await seen.notes.count > before }, "the changes made while no one polled are notified")
        try await Task.sleep(for: .seconds(2.5))
        let ids = await seen.noteIDs
        #expect(Set(ids).count == ids.count, "nothing notified twice: \(ids.count - Set(ids).count) repeats")
        let truth = Dictionary(try await h.engine.allChannels(query: ListQuery()).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let converged = await eventually(5) { await seen.channels == truth }
        if !converged {
            let mine = await seen.channels
            let differing = truth.keys.filter { mine[$0] != truth[$0] }.sorted()
            Issue.record("no change lost: \(differing.count) of \(truth.count) differ, e.g. \(differing.first.map { "\(String(describing: mine[$0]))\n vs \(String(describing: truth[$0]))" } ?? "")")
        }

        await feed.stop(); feedTask.cancel()
        taskB.cancel()
        await taskB.value
    }
}
