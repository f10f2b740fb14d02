import Foundation
import HubAPI
import HubCore
import HubSandbox

/// Serves `server` on 127.0.0.1 (a free port) until the returned task is cancelled; the API
/// configuration points at it with the sandbox's key.
func serve(_ server: SandboxServer) async throws -> (api: APIConfiguration, task: Task<Void, Error>) {
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let task = Task { try await server.run(host: "127.0.0.1", port: 0) { portSink.yield($0) } }
    var it = ports.makeAsyncIterator()
    guard let port = await it.next() else {
        task.cancel()
        throw ServiceError.transport("the sandbox did not start")
    }
    return (APIConfiguration(baseURL: "http://127.0.0.1:\(port)/api/v2", partnerId: "sandboxPA", credentials: .apiKey("sandbox-key")), task)
}
