import Foundation

/// Drives the real binary in a detached tmux session on its own socket, and reads the screen
/// the way a user would.
final class TmuxSession {
    let socket = "ph-e2e-\(UUID().uuidString.prefix(8))"
    let name = "t"

    init(width: Int, height: Int, command: String, env: [String: String] = [:]) throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ph-tmux-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        var exports = "export HOME='\(home)' LANG=C.UTF-8 LC_ALL=C.UTF-8;"
        for (k, v) in env { exports += " export \(k)='\(v)';" }
        // The server tmux starts keeps any inherited pipe open: start it detached from ours.
        _ = try Binary.run(["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                            "\(exports) \(command); echo EXIT=$?; sleep 60"], executable: "/usr/bin/tmux", detached: true)
    }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let r = try Binary.run(["-L", socket] + args, executable: "/usr/bin/tmux", timeout: 10)
        return r.stdout
    }

    func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    func resize(_ w: Int, _ h: Int) throws { try tmux(["resize-window", "-t", name, "-x", "\(w)", "-y", "\(h)"]) }

    /// Waits until the screen satisfies `condition` (polling; a UI in another process has no idle signal).
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 20, _ condition: (String) -> Bool) -> String? {
        let deadline = Date() + timeout
        while Date() < deadline {
            let s = screen()
            if condition(s) { return s }
            usleep(50_000)
        }
        return nil
    }

    func waitFor(_ text: String, timeout: TimeInterval = 20) -> String? { waitFor(text, timeout: timeout) { $0.contains(text) } }

    deinit { _ = try? tmux(["kill-server"]) }
}
