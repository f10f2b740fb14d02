import Foundation
import Testing

/// Issue 29: the release tarball runs where no Swift is installed. It takes a release build
/// (minutes), so it runs on a tarball `scripts/release.sh` made: PARTNERHUB_RELEASE_TARBALL, or
/// the newest one in dist/.
@Suite(.tags(.e2e)) struct ReleaseTests {
    static var tarball: String? {
        if let t = ProcessInfo.processInfo.environment["PARTNERHUB_RELEASE_TARBALL"], !t.isEmpty { return t }
        let dist = InstallTests.root.appendingPathComponent("dist").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dist)) ?? []
        return names.filter { $0.hasSuffix(".tar.gz") }.sorted().last.map { dist + "/" + $0 }
    }

    @Test(.enabled(if: tarball != nil, "no release tarball: scripts/release.sh makes one (a release build, several minutes)"))
    func thePackedBinaryRunsWithoutTheToolchain() throws {
        let tarball = try #require(Self.tarball)
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("ph-install-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true)
        let untar = try Binary.run(["-xzf", tarball, "-C", prefix], executable: "/usr/bin/tar")
        #expect(untar.status == 0, "\(untar.stderr)")
        let bin = prefix + "/bin/partnerhub"
        for file in ["share/man/man1/partnerhub.1", "share/bash-completion/completions/partnerhub", "share/zsh/site-functions/_partnerhub",
                     "share/fish/vendor_completions.d/partnerhub.fish", "share/partnerhub/themes/default.toml"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file) is packed")
        }
        // No Swift runtime among its libraries, and none on the path.
        let ldd = try Binary.run([bin], executable: "/usr/bin/ldd")
        #expect(!ldd.stdout.contains("libswift") && !ldd.stdout.contains("libFoundation"), "\(ldd.stdout)")
        let clean = ["PATH": "/usr/bin:/bin", "HOME": prefix, "XDG_CONFIG_HOME": prefix + "/config", "XDG_DATA_HOME": prefix + "/data",
                     "XDG_STATE_HOME": prefix + "/state", "LD_LIBRARY_PATH": ""]
        let version = try Binary.run(["--version"], env: clean, executable: bin)
        #expect(version.status == 0 && version.stdout.contains("commit "), "\(version.stdout)\(version.stderr)")
        let info = try Binary.run(["info"], env: clean, executable: bin)
        #expect(info.status == 0 && info.stdout.contains("embedded sandbox"), "\(info.stdout)\(info.stderr)")
        let channels = try Binary.run(["channels", "--limit", "3"], env: clean, executable: bin)
        #expect(channels.status == 0 && channels.stdout.contains("Hosting Platform Type"), "\(channels.stdout)\(channels.stderr)")
    }
}
