import Foundation
import Testing
import HubCore
import HubLive
@testable import HubTUI

/// Team mode (docs/team.md): another agent's refund of the same number is still open, so the
/// team's ledger refuses this one before anything is sent. The refund dialog says who started
/// the first one and when.
@Suite struct TeamConflictSnapshotTests {
    static let conflict = OperationConflict(kind: "refund", target: "channel acme3CH", actor: "ana",
                                            startedAt: Date(timeIntervalSince1970: 1_795_950_000))

    @Test(arguments: DialogSnapshotTests.sizes) func refundHeldByAnotherAgent(_ size: (Int, Int)) async throws {
        let d = DialogSnapshotTests()
        var s = try await d.scenarioState(size)
        _ = reduce(&s, .grid(.select(channelId: "acme3CH")))
        _ = reduce(&s, .open(.refund))
        _ = reduce(&s, .fundsLoaded(s.funds["acme3CH"]!))
        var effects: [Effect] = []
        for k: EditKey in [.insert("0000"), .pageDown, .pageDown, .pageDown, .pageDown, .enter] { effects += reduce(&s, .dialog(.key(k))) }
        guard let request = effects.lazy.compactMap({ if case .mutate(let r) = $0 { return r } else { return nil } }).first else {
            Issue.record("no request: \(effects)"); return
        }
        _ = reduce(&s, .dialog(.mutationSettled(request, .failed(Self.conflict.description, field: nil))))
        let text = d.render(s, size).text
        #expect(text.contains("ana started it"), "\(text)")
        Golden.check(d.render(s, size), "dialog-refund-held-by-another-agent-\(size.0)x\(size.1)")
    }
}

/// A ledger that holds every refund (another agent's is open), around the harness's file.
struct HeldRefunds: OperationLedger {
    let inner: HubDatabase
    func operation(key: String) async throws -> OperationRecord? { try inner.operation(key: key) }
    func beginOperation(connection: String, key: String, kind: String, target: String, payload: String, actor: String, at time: Date) async throws -> Int64 {
        if kind == "refund" { throw TeamConflictSnapshotTests.conflict }
        return try inner.beginOperation(connection: connection, key: key, kind: kind, target: target, payload: payload, actor: actor, at: time)
    }
    func settleOperation(key: String, state: OperationState, result: String, at time: Date) async throws { try inner.settleOperation(key: key, state: state, result: result, at: time) }
    func operations(connection: String, states: [OperationState]) async throws -> [OperationRecord] { try inner.operations(connection: connection, states: states) }
    func auditLog(connection: String?, limit: Int) async throws -> [AuditEntry] { try inner.auditLog(connection: connection, limit: limit) }
}

@Suite(.serialized) @MainActor struct TeamConflictFlowTests {
    /// The real app and pipeline: the confirm is refused by the ledger, the dialog says who
    /// and when, and the sandbox got no refund.
    @Test func theSecondAgentIsToldWhoAndWhen() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario(), ledger: { HeldRefunds(inner: $0) })
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("acme1CH")
        await h.press("R")
        await h.waitFor("Refund account funds?")
        await h.type("4567")
        await h.press("enter")
        let s = await h.waitFor("already under way")
        #expect(s.contains("ana started it") && s.contains("Nothing was sent"), "\(s)")
        #expect(try await h.engine.refunds(channelId: "acme1CH").isEmpty)
    }
}
