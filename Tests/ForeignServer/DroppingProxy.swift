import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// An HTTP proxy on 127.0.0.1 in front of a server (the HTTP sandbox), which loses requests
/// or answers on demand: what a flaky load balancer does to a change in flight. Tests point the
/// real HTTP client, the pipeline or the CLI at `baseURL` and watch what reaches the server.
public final class DroppingProxy: @unchecked Sendable {
    public enum Drop: Sendable, Equatable {
        /// Forward everything.
        case nothing
        /// Answer 503 to matching requests without forwarding them: the server never sees them.
        case requests
        /// Forward matching requests, then answer 503 instead of the server's answer: the
        /// server acted and the client cannot tell.
        case answers
    }

    public let port: Int
    let task: Task<Void, Error>
    let state: State

    final class State: @unchecked Sendable {
        let lock = NSLock()
        var drop: Drop = .nothing
        var method = "POST"
        var pathContains = ""
        var forwarded: [String] = []
        var dropped = 0

        func rule() -> (Drop, String, String) { lock.withLock { (drop, method, pathContains) } }
        func set(_ d: Drop, method m: String, pathContains p: String) { lock.withLock { drop = d; method = m; pathContains = p } }
        func note(forwarded line: String) { lock.withLock { forwarded.append(line) } }
        func noteDropped() { lock.withLock { dropped += 1 } }
    }

    init(port: Int, task: Task<Void, Error>, state: State) {
        self.port = port
        self.task = task
        self.state = state
    }

    /// The upstream's base path through the proxy (`/api/v2` by default).
    public func baseURL(path: String = "/api/v2") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Loses requests (or answers) whose method is `method` and whose path contains `pathContains`.
    public func drop(_ drop: Drop, method: String = "POST", pathContains: String) { state.set(drop, method: method, pathContains: pathContains) }

    /// "METHOD /path" of every request that reached the upstream.
    public var forwarded: [String] { state.lock.withLock { state.forwarded } }
    /// Requests the proxy answered 503 to (dropped requests and dropped answers).
    public var dropped: Int { state.lock.withLock { state.dropped } }

    public func stop() { task.cancel() }

    /// `upstream`: scheme, host and port of the server (`http://127.0.0.1:8360`).
    public static func start(upstream: String) async throws -> DroppingProxy {
        let state = State()
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ForwardingMiddleware(upstream: upstream, state: state))
        let (stream, ready) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "proxy"),
                              onServerRunning: { ready.yield($0.localAddress?.port ?? 0); ready.finish() },
                              logger: Logger(label: "proxy", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task { try await app.run() }
        var port = 0
        for await p in stream { port = p }
        return DroppingProxy(port: port, task: task, state: state)
    }
}

struct ForwardingMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let upstream: String
    let state: DroppingProxy.State

    static let client = HTTPClient(eventLoopGroupProvider: .singleton)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let (drop, method, fragment) = state.rule()
        let matches = request.method.rawValue == method && request.uri.path.contains(fragment) && !fragment.isEmpty
        if matches && drop == .requests { return unavailable() }
        var req = request
        let body = try await req.collectBody(upTo: 16 << 20)
        var out = HTTPClientRequest(url: upstream + request.uri.description)
        out.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where field.name.canonicalName != "host" { out.headers.add(name: field.name.rawName, value: field.value) }
        if body.readableBytes > 0 { out.body = .bytes(body) }
        let answer = try await Self.client.execute(out, timeout: .seconds(30))
        let bytes = try await answer.body.collect(upTo: 64 << 20)
        state.note(forwarded: "\(request.method.rawValue) \(request.uri.path)")
        if matches && drop == .answers { return unavailable() }
        var headers = HTTPFields()
        for h in answer.headers { if let name = HTTPField.Name(h.name), name != .contentLength, name != .transferEncoding { headers[name] = h.value } }
        return Response(status: .init(code: Int(answer.status.code)), headers: headers, body: .init(byteBuffer: bytes))
    }

    func unavailable() -> Response {
        state.noteDropped()
        return Response(status: .serviceUnavailable, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: #"{"meta": {"success": false, "http_code": 503, "developer_message": "upstream unavailable"}}"#)))
    }
}
