import ArgumentParser
import Foundation
import HubCore
import HubLive

/// `--webhook-listen HOST:PORT` for the commands that run the live engine (tui, watch).
struct WebhookOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also receive partner webhook events at HOST:PORT (POST, any path); polling stays the source of truth.",
                               valueName: "host:port"))
    var webhookListen: String?

    func validate() throws {
        if let address = webhookListen {
            do { _ = try WebhookListener(address: address) } catch { throw ValidationError("\(error)") }
        }
    }

    /// Starts the listener when asked for; `report` gets one line when it listens or cannot.
    func start(feed: LiveFeed, report: @escaping @Sendable (_ ok: Bool, _ line: String) async -> Void) -> Task<Void, Never>? {
        guard let address = webhookListen, let listener = try? WebhookListener(address: address) else { return nil }
        return Task {
            do {
                try await listener.run(onReady: { port in await report(true, "listening for webhook events on \(listener.host):\(port)") },
                                       deliver: { event in await feed.receive(event) })
            } catch is CancellationError {
            } catch {
                await report(false, "webhook listener on \(address) failed: \(error); polling only")
            }
        }
    }
}
