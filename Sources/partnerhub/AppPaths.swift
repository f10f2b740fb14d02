import Foundation

/// Where partnerhub keeps things (XDG base directories; DESIGN.md "Contracts").
struct AppPaths: Sendable {
    let configFile: String
    let themesDir: String
    let dataDir: String
    let logFile: String

    static func resolve(_ env: [String: String] = ProcessInfo.processInfo.environment) -> AppPaths {
        let home = env["HOME"] ?? NSHomeDirectory()
        func xdg(_ key: String, _ fallback: String) -> String {
            if let v = env[key], v.hasPrefix("/") { return v }
            return home + "/" + fallback
        }
        let config = xdg("XDG_CONFIG_HOME", ".config") + "/partnerhub"
        return AppPaths(configFile: env["PARTNERHUB_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? config + "/config.toml",
                        themesDir: config + "/themes",
                        dataDir: xdg("XDG_DATA_HOME", ".local/share") + "/partnerhub",
                        logFile: xdg("XDG_STATE_HOME", ".local/state") + "/partnerhub/partnerhub.log")
    }
}
