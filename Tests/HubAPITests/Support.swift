import Foundation
import HubAPI
import HubCore
import HubSandbox

let reference = Date(timeIntervalSince1970: 1_763_769_600) // 2025-11-22T00:00:00Z

/// Runs an HTTP sandbox on 127.0.0.1 (a free port) for the duration of `body`.
@discardableResult
func withHTTPSandbox<T: Sendable>(_ engine: SandboxEngine, faults: FaultConfig = FaultConfig(),
                                  _ body: @Sendable (String) async throws -> T) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = SandboxServer(engine: engine, faults: faults)
    let task = Task { try await server.run(host: "127.0.0.1", port: 0) { port in continuation.yield(port) } }
    defer { task.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw ServiceError.transport("sandbox did not start") }
    return try await body("http://127.0.0.1:\(port)/api/v2")
}

func makeEngine(time: ManualTime, clients: Int = 30, seed: UInt64 = 11, configure: (inout SandboxConfig) -> Void = { _ in }) -> SandboxEngine {
    var c = SandboxConfig()
    c.seed = seed
    c.clients = clients
    c.reference = reference
    configure(&c)
    return SandboxEngine(config: c, time: time.source)
}

/// An HTTP client whose clock is the test's: waiting for a rate-limit slot moves time instead of sleeping.
func makeClient(_ base: String, time: ManualTime, credentials: APIConfiguration.Credentials = .apiKey("sandbox-key"),
                partnerId: String = "sandboxPA", transport: any HTTPTransport = AsyncHTTPTransport()) -> HTTPPartnerService {
    var config = APIConfiguration(baseURL: base, partnerId: partnerId, credentials: credentials)
    config.timeout = 5
    return HTTPPartnerService(config: config, transport: transport, sleep: { time.advance(by: $0) }, now: { time.now })
}

/// Counts requests, optionally answering from a script instead of the network.
actor ScriptedTransport: HTTPTransport {
    enum Step: Sendable { case respond(HTTPResponseSpec), fail(ServiceError), passThrough }

    private var steps: [Step]
    private let real = AsyncHTTPTransport()
    private(set) var requests: [HTTPRequestSpec] = []

    init(_ steps: [Step] = []) { self.steps = steps }

    func send(_ request: HTTPRequestSpec, timeout: TimeInterval) async throws -> HTTPResponseSpec {
        requests.append(request)
        let step = steps.isEmpty ? .passThrough : steps.removeFirst()
        switch step {
        case .respond(let r): return r
        case .fail(let e): throw e
        case .passThrough: return try await real.send(request, timeout: timeout)
        }
    }

    var paths: [String] { requests.map { URL(string: $0.url)?.path ?? $0.url } }
}

func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> HTTPResponseSpec {
    HTTPResponseSpec(status: status, headers: headers, body: Data(body.utf8))
}
