import Foundation
import HubCore
import Hummingbird
import NIOCore

/// Sandbox-only controls, outside the Partner API's paths (docs/sandbox.md):
/// `GET /sandbox/faults` shows the faults, `PUT /sandbox/faults` with a body like
/// `error-rate=0.2` or `off` changes them while the server runs; `GET /sandbox/requests`
/// counts the Partner API requests answered so far, by kind.
struct SandboxAdminRoutes: Sendable {
    static let prefix = "/sandbox/"
    let faults: FaultSwitch
    let requests: RequestCounter

    func register(on router: Router<BasicRequestContext>) {
        let faults = self.faults, requests = self.requests
        router.get("/sandbox/requests") { _, _ in
            HTTPReply.json(RequestCounts(total: requests.total, kinds: requests.kinds))
        }
        router.get("/sandbox/faults") { _, _ in Self.describe(faults.current) }
        router.put("/sandbox/faults") { request, _ in
            var request = request
            let text = String(buffer: try await request.collectBody(upTo: 4096))
            do {
                faults.current = try FaultConfig.parse(text)
                return Self.describe(faults.current)
            } catch {
                return HTTPReply.error(400, "Wrong payload: \(error)")
            }
        }
    }

    static func describe(_ f: FaultConfig) -> Response {
        let text = f.isOff ? "off" : "latency=\(Int(f.latency * 1000))ms,error-rate=\(f.errorRate),timeout-rate=\(f.timeoutRate),malformed-rate=\(f.malformedRate)"
        return HTTPReply.json(["faults": text])
    }
}

struct RequestCounts: Encodable {
    var total: Int
    var kinds: [String: Int]
}
