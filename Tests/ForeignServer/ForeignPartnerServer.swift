import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// A Partner API server that is not our sandbox: it serves recorded-style fixtures with the
/// looseness of real servers (extra fields, nulls, numbers as floats or strings, `app_id` at the
/// top level, version 1 channels, missing objects) and knows nothing of the modeled endpoints
/// (`/sandbox/capabilities` is an HTML 404, as behind a proxy). Tests point the real HTTP client,
/// the CLI and the live engine at it. Each fixture channel carries `_expect`: what the seed's
/// rules make of it (an extra field the decoder must ignore).
public final class ForeignPartnerServer: @unchecked Sendable {
    public static let partnerId = "fgnPA"
    public static let apiKey = "foreign-key"

    /// How the server misbehaves (the hostile server of docs/testing.md).
    public enum Mode: String, Sendable, CaseIterable {
        /// The fixtures as they are.
        case normal
        /// Escape sequences, C1 and bidi controls, line separators and formula starts in every
        /// string (IDs and dates aside), and in error messages, which are also 10,000 characters long.
        case escapes
        /// Every page of channels is full and new; `total` says ten million.
        case endlessPages
        /// Endless too, and every channel carries 20 KB (an `external_id`): 8 MB pages that
        /// reach gigabytes long before the item ceiling.
        case fatEndlessPages
        /// The same full page again and again; `total` says a million.
        case repeatingPages
        /// A 20 MB body.
        case hugeBody
        /// 200 with a body that is not JSON.
        case notJSON
        /// 200 with an HTML page (a captive portal, a proxy).
        case html200
        /// Answers after 30 s.
        case stall
    }

    /// What hostile strings carry: an OSC title change, a screen clear, a C1 CSI, a bidi
    /// override, a line separator, NUL.
    public static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}evil\u{2028}\u{0}"

    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)/api/v2" }
    public var origin: String { "http://127.0.0.1:\(port)" }
    let task: Task<Void, Error>
    let state: State

    final class State: @unchecked Sendable {
        // Guarded by `lock`: handlers run on NIO threads, tests read from theirs.
        let lock = NSLock()
        var counts: [String: Int] = [:]
        var overrides: [String: Int] = [:]
        var mode: Mode = .normal

        var currentMode: Mode {
            lock.lock(); defer { lock.unlock() }
            return mode
        }
        func setMode(_ m: Mode) {
            lock.lock(); defer { lock.unlock() }
            mode = m
        }

        func hit(_ path: String) {
            lock.lock(); defer { lock.unlock() }
            counts[path, default: 0] += 1
        }
        func count(_ prefix: String) -> Int {
            lock.lock(); defer { lock.unlock() }
            return counts.filter { $0.key.hasPrefix(prefix) }.values.reduce(0, +)
        }
        func override(_ path: String) -> Int? {
            lock.lock(); defer { lock.unlock() }
            return overrides[path]
        }
        func set(_ path: String, _ status: Int?) {
            lock.lock(); defer { lock.unlock() }
            overrides[path] = status
        }
    }

    init(port: Int, task: Task<Void, Error>, state: State) {
        self.port = port
        self.task = task
        self.state = state
    }

    /// The fixture file's bytes (`channels.json`, `clients.json`, `partner.json`).
    public static func fixture(_ name: String) -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return Data("{}".utf8) }
        return data
    }

    /// Every fixture channel's ID and what it is expected to show.
    public static func expectations() -> [(id: String, expect: [String: String])] {
        guard let doc = try? JSONSerialization.jsonObject(with: fixture("channels.json")) as? [String: Any],
              let list = doc["partner_channels"] as? [[String: Any]] else { return [] }
        return list.compactMap { c in
            guard let id = c["id"] as? String, let e = c["_expect"] as? [String: String] else { return nil }
            return (id, e)
        }
    }

    /// Requests seen whose path starts with `prefix` (e.g. `/api/v2/sandbox/capabilities`).
    public func requests(_ prefix: String) -> Int { state.count(prefix) }

    /// Answer `path` (exact, no query) with this status and a `meta` error body; nil restores it.
    public func respond(_ path: String, status: Int?) { state.set(path, status) }

    public func stop() { task.cancel() }

    public func set(_ mode: Mode) { state.setMode(mode) }

    public static func start() async throws -> ForeignPartnerServer {
        let state = State()
        let router = Router(context: BasicRequestContext.self)
        // Everything else (the modeled endpoints, a wrong base path) is a proxy's HTML 404.
        router.add(middleware: NotFoundMiddleware(state: state))
        let pid = partnerId
        router.get("/api/v2/partners/\(pid)") { r, _ in try await hostile(r, state) { _, _ in fixture("partner.json") } }
        router.get("/api/v2/partners/\(pid)/clients") { r, _ in try await hostile(r, state) { page(fixture("clients.json"), "clients", $1) } }
        router.get("/api/v2/partners/\(pid)/channels") { r, _ in
            try await hostile(r, state) { mode, query in
                switch mode {
                case .endlessPages: return endless(query, total: 10_000_000, fresh: true)
                case .fatEndlessPages: return endless(query, total: 10_000_000, fresh: true, fat: 20_000)
                case .repeatingPages: return endless(query, total: 1_000_000, fresh: false)
                default: return page(fixture("channels.json"), "partner_channels", query)
                }
            }
        }
        router.get("/api/v2/partners/\(pid)/clients/:cid/info/balance") { r, _ in
            try serve(r, state) { _ in Data(#"{"balance": 12.5, "currency": "EUR", "usage": [], "extra": null}"#.utf8) }
        }
        router.get("/v1/health") { r, _ in
            state.hit(r.uri.path)
            if let s = state.override(r.uri.path) { return meta(s, "health unavailable" + (state.currentMode == .escapes ? hostile : "")) }
            guard r.headers[HTTPField.Name("D360-API-KEY")!] != nil else { return meta(401, "Invalid api key") }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"health": {"gateway_status": "connected"}, "meta": {"api_status": "stable"}}"#)))
        }
        let (stream, ready) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "foreign"),
                              onServerRunning: { ready.yield($0.localAddress?.port ?? 0); ready.finish() },
                              logger: Logger(label: "foreign", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task { try await app.run() }
        var port = 0
        for await p in stream { port = p }
        return ForeignPartnerServer(port: port, task: task, state: state)
    }

    /// `serve` with the mode's misbehaviour on top.
    static func hostile(_ r: Request, _ state: State, _ body: (Mode, [String: String]) -> Data) async throws -> Response {
        let mode = state.currentMode
        switch mode {
        case .stall:
            try? await Task.sleep(nanoseconds: 30_000_000_000)
        case .notJSON:
            state.hit(r.uri.path)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "hello, this is not JSON")))
        case .html200:
            state.hit(r.uri.path)
            return Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<!doctype html><html><body>Please log in to the Wi-Fi</body></html>")))
        case .hugeBody:
            state.hit(r.uri.path)
            var big = ByteBuffer(string: #"{"partner_channels": [], "padding": ""#)
            big.writeRepeatingByte(UInt8(ascii: "x"), count: 20 << 20)
            big.writeString(#""}"#)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: big))
        default: break
        }
        if mode == .escapes, r.headers[HTTPField.Name("X-API-Key")!] != apiKey {
            state.hit(r.uri.path)
            return meta(401, "Invalid API key" + hostile + String(repeating: "A", count: 10_000))
        }
        return try serve(r, state) { query in
            let data = body(mode, query)
            return mode == .escapes ? poison(data) : data
        }
    }

    /// Every string value but IDs and timestamps gets the hostile text; organisations start a formula.
    static func poison(_ data: Data) -> Data {
        guard let doc = try? JSONSerialization.jsonObject(with: data) else { return data }
        func walk(_ v: Any, key: String?) -> Any {
            if let o = v as? [String: Any] {
                var out: [String: Any] = [:]
                for (k, x) in o { out[k] = walk(x, key: k) }
                return out
            }
            if let a = v as? [Any] { return a.map { walk($0, key: key) } }
            if let s = v as? String, let key, !(key == "id" || key.hasSuffix("_id") || key.hasSuffix("_at")) {
                return key == "organisation" ? "=HYPERLINK(\"http://evil.example\",\"" + s + "\")" + hostile : s + hostile
            }
            return v
        }
        return (try? JSONSerialization.data(withJSONObject: walk(doc, key: nil))) ?? data
    }

    /// Full pages of made-up channels: new IDs on every page, or the same ones.
    static func endless(_ query: [String: String], total: Int, fresh: Bool, fat: Int = 0) -> Data {
        // Fat pages stay under the client's 16 MB body limit: 400 items of 20 KB.
        let limit = max(1, min(fat > 0 ? 400 : 1000, Int(query["limit"] ?? "") ?? 20))
        let offset = fresh ? Int(query["offset"] ?? "") ?? 0 : 0
        let filler = fat > 0 ? #", "external_id": "\#(String(repeating: "x", count: fat))""# : ""
        let items = (offset..<(offset + limit)).map { i in
            #"{"id": "end\#(i)CH", "client_id": "fgn1CL", "account_mode": "live", "setup_info": {"phone_number": "49151\#(String(format: "%08d", i))"}\#(filler)}"#
        }
        return Data(#"{"count": \#(limit), "limit": \#(limit), "offset": \#(offset), "total": \#(total), "partner_channels": [\#(items.joined(separator: ","))]}"#.utf8)
    }

    static func serve(_ r: Request, _ state: State, _ body: ([String: String]) -> Data) throws -> Response {
        state.hit(r.uri.path)
        if let s = state.override(r.uri.path) { return meta(s, s == 403 ? "Forbidden" : "error \(s)") }
        guard r.headers[HTTPField.Name("X-API-Key")!] == apiKey else { return meta(401, "Invalid API key") }
        var query: [String: String] = [:]
        for (k, v) in r.uri.queryParameters { query[String(k)] = String(v) }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body(query))))
    }

    /// The fixture list cut to `limit`/`offset`, with the envelope's numbers to match.
    static func page(_ data: Data, _ key: String, _ query: [String: String]) -> Data {
        guard var doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let items = doc[key] as? [Any] else { return data }
        let offset = min(items.count, Int(query["offset"] ?? "") ?? 0)
        let limit = Int(query["limit"] ?? "") ?? 20
        let slice = Array(items[offset..<min(items.count, offset + max(0, limit))])
        doc[key] = slice
        doc["count"] = slice.count
        doc["offset"] = offset
        doc["limit"] = limit
        doc["total"] = items.count
        return (try? JSONSerialization.data(withJSONObject: doc)) ?? data
    }

    static func meta(_ status: Int, _ message: String) -> Response {
        let body = #"{"meta": {"success": false, "http_code": \#(status), "developer_message": "\#(message)"}}"#
        return Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

struct NotFoundMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let state: ForeignPartnerServer.State

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            return response
        } catch let error as HTTPError where error.status == .notFound {
            state.hit(request.uri.path)
            return Response(status: .notFound, headers: [.contentType: "text/html"],
                            body: .init(byteBuffer: ByteBuffer(string: "<html><body><h1>404 Not Found</h1></body></html>")))
        }
    }
}
