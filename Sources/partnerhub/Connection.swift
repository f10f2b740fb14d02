import HubConfig
import ArgumentParser
import Foundation
import HubAPI
import HubCore
import HubSandbox
import HubLive

/// How to reach partner data: the embedded sandbox or a Partner API (real or `sandbox serve`).
struct ConnectionOptions: ParsableArguments {
    @Flag(help: "Use the embedded sandbox even when credentials are configured.") var sandbox = false
    @Option(help: "Seed of the sandbox data.") var seed: UInt64 = 1
    @Option(help: "Number of sandbox clients.") var clients: Int = 40
    @Option(help: "Sandbox scenario file (docs/sandbox.md).") var scenario: String?
    @Option(help: "Sandbox seconds per real second (0 stops sandbox time).") var timeScale: Double = 60
    @Option(help: "Partner API base URL, e.g. https://hub.360dialog.io/api/v2.") var apiBase: String?
    @Option(help: "Partner ID (…PA).") var partnerId: String?

    func validate() throws {
        guard clients >= 1 && clients <= 100_000 else { throw ValidationError("--clients must be between 1 and 100000") }
        if sandbox && apiBase != nil { throw ValidationError("--sandbox and --api-base exclude each other") }
    }
}

struct Connection: Sendable {
    enum Mode: String, Sendable { case sandbox, live }

    let mode: Mode
    let service: any PartnerService
    let describe: String
    let partnerId: String
    /// Names the connection in the local database: its snapshot and history are its own.
    let key: String

    static func resolve(_ o: ConnectionOptions, paths: AppPaths = .resolve(), env: [String: String] = ProcessInfo.processInfo.environment) throws -> Connection {
        let file = try ConfigFile.load(path: paths.configFile)
        let base = o.apiBase ?? env["PARTNERHUB_API_BASE"] ?? file?.apiBase
        let partnerId = o.partnerId ?? env["PARTNERHUB_PARTNER_ID"] ?? file?.partnerId
        let credentials: APIConfiguration.Credentials?
        if let key = env["PARTNERHUB_API_KEY"], !key.isEmpty { credentials = .apiKey(key) }
        else if let u = env["PARTNERHUB_USERNAME"], let p = env["PARTNERHUB_PASSWORD"], !u.isEmpty { credentials = .password(username: u, password: p) }
        else if let key = file?.apiKey { credentials = .apiKey(key) }
        else if let u = file?.username, let p = file?.password { credentials = .password(username: u, password: p) }
        else { credentials = nil }

        // Any part of a live connection, from any source, means live: a half-configured one is an
        // error below, never a silent sandbox.
        let wantsLive = !o.sandbox && (base != nil || partnerId != nil || credentials != nil)
        if !wantsLive {
            var config = SandboxConfig()
            config.seed = o.seed
            config.clients = o.clients
            config.timeScale = max(0, o.timeScale)
            if let s = o.scenario { config.scenario = try SandboxScenario.load(path: s) }
            let engine = SandboxEngine(config: config)
            let id = config.effectivePartnerId
            let key = "sandbox:\(id):seed=\(o.seed):clients=\(o.clients)" + (o.scenario.map { ":scenario=\($0)" } ?? "")
            return Connection(mode: .sandbox, service: engine, describe: "embedded sandbox (seed \(o.seed))", partnerId: id, key: key)
        }
        guard let partnerId, !partnerId.isEmpty else {
            throw ValidationError("No partner ID: pass --partner-id, set PARTNERHUB_PARTNER_ID, or partner_id in \(paths.configFile).")
        }
        guard let credentials else {
            throw ValidationError("No credentials: set PARTNERHUB_API_KEY (or PARTNERHUB_USERNAME and PARTNERHUB_PASSWORD), or api_key in \(paths.configFile). Secrets are never taken from flags.")
        }
        let baseURL = base ?? APIConfiguration.liveBaseURL
        try checkBaseURL(baseURL)
        var config = APIConfiguration(baseURL: baseURL, partnerId: partnerId, credentials: credentials)
        config.paymentModel = try paymentModel(env["PARTNERHUB_PAYMENT_MODEL"] ?? file?.paymentModel, configFile: paths.configFile)
        return Connection(mode: .live, service: HTTPPartnerService(config: config, logger: .file(paths.logFile)), describe: config.description, partnerId: partnerId,
                          key: "live:\(config.baseURL):\(partnerId)")
    }

    /// `--api-base` must be an http(s) URL with a host: anything else is a usage error at once,
    /// not a network error retried forever.
    static func checkBaseURL(_ base: String) throws {
        guard let u = URL(string: base), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = u.host, !host.isEmpty else {
            throw ValidationError("--api-base must be an http:// or https:// URL such as \(APIConfiguration.liveBaseURL) (got \"\(Sanitizer.oneLine(base, max: 80))\")")
        }
        // Secrets never come from the command line (shell history, `ps`), nor sit in a URL that
        // errors and `info` print: refused, with where they go instead.
        if u.user != nil || u.password != nil {
            throw ValidationError("--api-base (or PARTNERHUB_API_BASE, api_base) must not contain a user or password (\(Sanitizer.oneLine(base, max: 80))): set PARTNERHUB_API_KEY, or PARTNERHUB_USERNAME and PARTNERHUB_PASSWORD, or api_key in config.toml")
        }
    }

    /// The partner account's payment model (docs/domain.md, "Payment model"): nil when not set.
    static func paymentModel(_ raw: String?, configFile: String) throws -> PaymentModel? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces).lowercased(), !raw.isEmpty else { return nil }
        let model = PaymentModel(rawValue: raw)
        guard model.isKnown else {
            throw ValidationError("payment_model must be \"direct\" or \"partner\" (PARTNERHUB_PAYMENT_MODEL or [connection] in \(configFile))")
        }
        return model
    }
}
