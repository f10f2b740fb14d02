/// What `partnerhub --version` prints. `scripts/release.sh` writes the commit into this file
/// for the build it packs (and puts it back); any other build says it is a development one.
enum BuildInfo {
    static let version = "0.9.0"
    static let commit = "development build"
    static var line: String { "partnerhub \(version) (\(commit))" }
}
