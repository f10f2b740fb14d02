import ArgumentParser
import Foundation
import HubSandbox

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "The Partner API simulator.",
                                                    subcommands: [SandboxServeCommand.self])
}

struct SandboxServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the simulator over HTTP (paths and bodies of the Partner API; docs/sandbox.md).",
        discussion: "Prints `partner_id=<id> api_key=<key> url=<base>` once ready; serves until SIGINT or SIGTERM.")
    @Option var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 8360
    @Option var seed: UInt64 = 1
    @Option var clients = 40
    @Option var partnerId = "sandboxPA"
    @Option(help: "The API key clients must send (a sandbox value, not a secret).") var apiKey = "sandbox-key"
    @Option(help: "Sandbox seconds per real second.") var timeScale: Double = 60
    @Option(help: "Scenario file (docs/sandbox.md).") var scenario: String?
    @Option(help: "Injected faults, e.g. latency=200ms,error-rate=0.2,timeout-rate=0.05,malformed-rate=0.05.") var faults = "off"
    @Option(help: "Client balance limit: seconds between requests per client.") var balanceInterval: Double = 10
    @Option(help: "Deliver webhook events to this URL (the partner's webhook_url; PATCH /partners/{id} changes it).") var webhookUrl: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0..65535") }
        guard clients >= 1 && clients <= 100_000 else { throw ValidationError("--clients must be between 1 and 100000") }
        guard timeScale >= 0 else { throw ValidationError("--time-scale must be 0 or more") }
        do { _ = try FaultConfig.parse(faults) } catch { throw ValidationError("--faults: \(error)") }
        if let u = webhookUrl, !(u.hasPrefix("http://") || u.hasPrefix("https://")) || URL(string: u)?.host == nil {
            throw ValidationError("--webhook-url must be an http(s) URL, like http://127.0.0.1:8081/webhook")
        }
    }

    func run() async throws {
        var config = SandboxConfig()
        config.seed = seed
        config.clients = clients
        config.partnerId = partnerId
        config.apiKey = apiKey
        config.timeScale = timeScale
        config.balanceWindow = balanceInterval
        if let scenario {
            config.scenario = try SandboxScenario.load(path: scenario)
        }
        let id = config.effectivePartnerId
        let engine = SandboxEngine(config: config)
        if let webhookUrl { _ = try await engine.updatePartner(webhookUrl: webhookUrl, redirectUrl: nil) }
        let server = SandboxServer(engine: engine, faults: try FaultConfig.parse(faults))
        let host = self.host
        let key = apiKey
        try await server.run(host: host, port: port, handleSignals: true) { bound in
            // Unbuffered: scripts wait for this line.
            printOut("partner_id=\(id) api_key=\(key) url=http://\(host):\(bound)/api/v2\n")
        }
    }
}
