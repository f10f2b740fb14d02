import AsyncHTTPClient
import Foundation
import HubCore
import NIOCore
import NIOHTTP1

/// Delivers the sandbox's webhook events to the partner's `webhook_url` as the Hub does: a JSON
/// POST of `{id, event, data}` per event, in order. The reference does not document retries or
/// signatures, so there are none; an endpoint that fails or takes longer than 5 s misses that
/// event (the receiver's polling catches up, as with the real Hub).
struct WebhookDelivery: Sendable {
    let engine: SandboxEngine

    func run() async {
        let client = HTTPClient.shared
        for await event in await engine.events() {
            guard let url = await engine.webhookURL, !url.isEmpty, let body = try? HubJSON.encode(event) else { continue }
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
            let ok = (try? await client.execute(request, timeout: .seconds(5)).status.code).map { (200..<300).contains($0) } ?? false
            await engine.noteDelivery(ok: ok)
        }
    }
}
