import Foundation
import HubCore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The simulator over real HTTP: the same `SandboxEngine` behind the Partner API's paths,
/// envelopes and error bodies (docs/sandbox.md).
public struct SandboxServer: Sendable {
    public let engine: SandboxEngine
    /// The faults in force; `PUT /sandbox/faults` changes them while serving.
    public let faults: FaultSwitch
    /// Partner API requests answered, by kind (`GET /sandbox/requests`).
    public let requests = RequestCounter()

    public init(engine: SandboxEngine, faults: FaultConfig = FaultConfig()) {
        self.engine = engine
        self.faults = FaultSwitch(faults)
    }

    /// Serves until the task is cancelled (tests) or, with `handleSignals`, until SIGINT/SIGTERM.
    /// `onReady` gets the bound port (useful with port 0).
    public func run(host: String, port: Int, handleSignals: Bool = false, onReady: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestCountingMiddleware(counter: requests))
        router.add(middleware: FaultMiddleware(faults: faults))
        router.add(middleware: AuthMiddleware(engine: engine))
        SandboxRoutes(engine: engine).register(on: router)
        SandboxAdminRoutes(faults: faults, requests: requests).register(on: router)
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "partnerhub-sandbox"),
                              onServerRunning: { channel in await onReady(channel.localAddress?.port ?? port) },
                              logger: .init(label: "sandbox", factory: { _ in SwiftLogNoOpLogHandler() }))
        let engine = self.engine
        // Time moves even when nobody asks: webhook events and walks happen on schedule.
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 1_000_000_000)
                await engine.tick()
            }
        }
        // Events go to the partner's webhook_url, when one is set (PATCH /partners/{id} or --webhook-url).
        let delivery = Task { await WebhookDelivery(engine: engine).run() }
        defer { ticker.cancel(); delivery.cancel() }
        if handleSignals { try await app.runService() } else { try await app.run() }
    }
}

// MARK: responses

enum HTTPReply {
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? HubJSON.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func raw(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: Int, _ message: String, details: [String]? = nil, headers: HTTPFields = [:]) -> Response {
        var r = json(APIErrorBody(httpCode: status, developerMessage: message, details: details), status: .init(code: status))
        for f in headers { r.headers.append(f) }
        return r
    }

    static func from(_ error: Error) -> Response {
        switch error {
        case ServiceError.api(let status, let body): return json(body, status: .init(code: status))
        case ServiceError.rateLimited(let after):
            let seconds = Int((after ?? 1).rounded(.up))
            return Self.error(429, "Too Many Requests: retry in \(seconds) s", headers: [.retryAfter: String(seconds)])
        case ServiceError.unauthorized(let m): return Self.error(401, m)
        case ServiceError.notFound(let m): return Self.error(404, m)
        case let e as MalformedResponse: return Self.error(400, "Wrong payload: \(e.description)")
        case let e as DecodingError: return Self.error(400, "Wrong payload: \(MalformedResponse(e).description)")
        default: return Self.error(500, "Internal error")
        }
    }
}

// MARK: middleware

/// `X-API-Key` or `Authorization: Bearer` on the Partner API, `D360-API-KEY` on the messaging
/// side (checked by the route); 401 with a `meta` body otherwise.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let engine: SandboxEngine

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/api/v2/token" || path.hasPrefix("/v1/") || !path.hasPrefix("/api/v2") { return try await next(request, context) }
        if let key = request.headers[HTTPField.Name("X-API-Key")!], key == engine.config.apiKey {
            return try await next(request, context)
        }
        if let auth = request.headers[.authorization], auth.lowercased().hasPrefix("bearer "),
           await engine.isValidToken(String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)) {
            return try await next(request, context)
        }
        return HTTPReply.error(401, "Unauthorized: send a valid X-API-Key or Authorization: Bearer token")
    }
}

struct FaultMiddleware<Context: RequestContext>: RouterMiddleware {
    let faultSwitch: FaultSwitch

    init(faults: FaultSwitch) { faultSwitch = faults }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let faults = faultSwitch.current
        if faults.isOff || request.uri.path.hasPrefix(SandboxAdminRoutes.prefix) { return try await next(request, context) }
        if faults.latency > 0 { try await Task.sleep(nanoseconds: UInt64(faults.latency * 1e9)) }
        let roll = Double.random(in: 0..<1)
        if roll < faults.timeoutRate + faults.errorRate + faults.malformedRate { faultSwitch.countInjected() }
        if roll < faults.timeoutRate {
            try await Task.sleep(nanoseconds: UInt64(faults.timeoutStall * 1e9))
            return HTTPReply.error(504, "Gateway Timeout")
        }
        if roll < faults.timeoutRate + faults.errorRate {
            return HTTPReply.error(503, "Service Unavailable (injected fault)")
        }
        var response = try await next(request, context)
        if roll < faults.timeoutRate + faults.errorRate + faults.malformedRate {
            // A body cut in half: the client must report it, not crash.
            let body = Data("{\"count\": 3, \"partner_channels\": [{\"id\": \"trunc".utf8)
            response = Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        return response
    }
}
