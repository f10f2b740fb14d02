import Foundation
import HubCore
import Hummingbird
import Logging
import NIOCore

/// `--webhook-listen 127.0.0.1:PORT`: receives partner webhook events (`{id, event, data}`)
/// on any path by POST and hands them on. Answers at once (the Hub expects a quick 2xx);
/// a body that is not an event gets 400 with the reason.
public struct WebhookListener: Sendable {
    public let host: String
    public let port: Int

    public struct AddressError: Error, CustomStringConvertible {
        public let description: String
    }

    /// "127.0.0.1:8081", "localhost:0" (0: any free port).
    public init(address: String) throws {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port),
              colon > address.startIndex else {
            throw AddressError(description: "--webhook-listen wants HOST:PORT, like 127.0.0.1:8081 (got \"\(address)\")")
        }
        host = String(address[..<colon])
        self.port = port
    }

    /// Serves until cancelled; `onReady` gets the bound port.
    public func run(onReady: @escaping @Sendable (Int) async -> Void, deliver: @escaping @Sendable (WebhookEvent) async -> Void) async throws {
        let router = Router(context: BasicRequestContext.self)
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            var request = request
            let buffer = try await request.collectBody(upTo: 4 << 20)
            do {
                let event = try HubJSON.decode(WebhookEvent.self, from: Data(buffer.readableBytesView))
                await deliver(event)
                return Self.reply(200, #"{"received":true}"#)
            } catch {
                return Self.reply(400, #"{"error":"not a partner webhook event: "# + Self.jsonEscaped(error) + #""}"#)
            }
        }
        router.post("/", use: handler)
        router.post("**", use: handler)
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "partnerhub-webhooks"),
                              onServerRunning: { channel in await onReady(channel.localAddress?.port ?? port) },
                              logger: Logger(label: "webhooks", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await app.run()
    }

    static func reply(_ status: Int, _ json: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    static func jsonEscaped(_ error: Error) -> String {
        let text = (error as? MalformedResponse)?.description ?? String(describing: error)
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
