import Foundation
import Testing
@testable import HubCore
@testable import HubSandbox

/// Every channel and client of a large sandbox comes back from HubBinary (the team's snapshot
/// rows) as it comes back from JSON (what the rows were before): no field lost or changed.
@Suite struct HubBinarySandboxTests {
    @Test func everySandboxRecordSurvives() async throws {
        var config = SandboxConfig()
        config.clients = 600
        let engine = SandboxEngine(config: config)
        let channels = try await engine.allChannels(query: ListQuery())
        #expect(channels.count > 1000)
        for ch in channels {
            let viaJSON = try HubJSON.decode(Channel.self, from: HubJSON.encode(ch))
            let viaBinary = try HubBinary.decode(Channel.self, from: HubBinary.encode(ch))
            #expect(viaBinary == viaJSON, "\(ch.id)")
        }
        for cl in try await engine.allClients(query: ListQuery()) {
            #expect(try HubBinary.decode(Client.self, from: HubBinary.encode(cl)) == HubJSON.decode(Client.self, from: HubJSON.encode(cl)), "\(cl.id)")
        }
    }
}
