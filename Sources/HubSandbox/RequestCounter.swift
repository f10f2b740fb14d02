import Foundation
import HTTPTypes
import Hummingbird

/// Every Partner API request the HTTP sandbox answered, by kind, for measuring what a client
/// costs (`GET /sandbox/requests`; scripts/measure-live.sh counts polls with it). A kind is
/// the method and the path with IDs replaced by `:id`, plus the list order asked for.
public final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var byKind: [String: Int] = [:]
    private var all = 0

    public init() {}

    public var total: Int { lock.withLock { all } }
    public var kinds: [String: Int] { lock.withLock { byKind } }

    func count(method: String, path: String, query: String) {
        let kind = Self.kind(method: method, path: path, query: query)
        lock.withLock {
            all += 1
            // Bounded: a client inventing paths cannot grow this without end.
            if byKind[kind] != nil || byKind.count < 1000 { byKind[kind, default: 0] += 1 }
        }
    }

    static func kind(method: String, path: String, query: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).enumerated().map { i, part in
            // /api/v2/partners/{id}/clients/{id}/...: every other segment after "partners" is an ID.
            i >= 3 && i % 2 == 1 ? ":id" : String(part)
        }
        var kind = method + " /" + parts.joined(separator: "/")
        if let sort = URLComponents(string: "?" + query)?.queryItems?.first(where: { $0.name == "sort" })?.value {
            kind += " sort=" + sort
        }
        return kind
    }
}

struct RequestCountingMiddleware<Context: RequestContext>: RouterMiddleware {
    let counter: RequestCounter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/api/v2") && path != "/api/v2/token" {
            counter.count(method: request.method.rawValue, path: path, query: request.uri.query ?? "")
        }
        return try await next(request, context)
    }
}
