import Foundation
import Testing

/// Issue 29: what a terminal user expects of an installed command: `--version`, completions of
/// IDs, and a man page that says what the commands say.
@Suite(.tags(.e2e)) struct InstallTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func versionSaysTheVersionAndTheBuild() throws {
        let r = try Binary.run(["--version"])
        #expect(r.status == 0 && r.stdout.hasPrefix("partnerhub ") && r.stdout.contains("("), "\(r.stdout)")
    }

    /// The shell asks `partnerhub ---completion …` (what the generated scripts call). Without a
    /// live cache it offers the default sandbox's IDs, filtered by what was typed.
    @Test func idsCompleteFromTheSandboxWithoutACache() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ph-complete-\(UUID().uuidString)").path
        let env = ["HOME": home, "XDG_DATA_HOME": home + "/data"]
        let all = try Binary.run(["---completion", "refund", "--", "positional@0", "2", "0", "partnerhub", "refund", ""], env: env)
        let ids = all.stdout.split(separator: "\n").map(String.init)
        #expect(all.status == 0 && ids.count > 10 && ids.allSatisfy { $0.hasSuffix("CH") }, "\(all.stdout) \(all.stderr)")
        let prefix = try #require(ids.first?.prefix(2))
        let some = try Binary.run(["---completion", "refund", "--", "positional@0", "2", "2", "partnerhub", "refund", String(prefix)], env: env)
        #expect(some.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix(prefix) })
        let wabas = try Binary.run(["---completion", "partner-change", "submit", "--", "positional@1", "4", "0", "partnerhub", "partner-change", "submit", "x", ""], env: env)
        #expect(wabas.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix("WA") } && !wabas.stdout.isEmpty)
        for shell in ["bash", "zsh", "fish"] {
            let script = try Binary.run(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.stdout.contains("---completion"), "\(shell)")
        }
    }

    /// docs/man/partnerhub.1 is what the manual generator makes of the commands today
    /// (`scripts/man.sh` rewrites it). `.ci/run` builds the generator; elsewhere this says so.
    static let generator = root.appendingPathComponent(".build/debug/generate-manual").path

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: generator),
                   "the manual generator is not built here: swift build --product generate-manual (.ci/run does)"))
    func theManPageIsTheCommandsOwn() throws {
        let tool = Self.generator
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ph-man-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let r = try Binary.run([Binary.path, "--date", "2026-12-04", "--authors", "partnerhub developers", "-o", out], executable: tool)
        #expect(r.status == 0, "\(r.stderr)")
        let made = try String(contentsOfFile: out + "/partnerhub.1", encoding: .utf8)
        let kept = try String(contentsOf: Self.root.appendingPathComponent("docs/man/partnerhub.1"), encoding: .utf8)
        #expect(made == kept, "docs/man/partnerhub.1 is out of date: scripts/man.sh")
    }
}
