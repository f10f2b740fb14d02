import Testing

/// The tiers of docs/testing.md. Swift 6.3's `swift test` cannot select by tag yet (`--filter
/// tag:e2e` arrives with swift-testing's tag filters), so `scripts/test-fast.sh` skips these
/// targets by name; the tags say why each suite is slow and serve IDEs that filter by tag.
extension Tag {
    /// Drives the built binary from outside (tmux, headless commands, sandbox serve).
    @Tag static var e2e: Self
    /// Needs the throwaway PostgreSQL cluster of `.ci/run` (PARTNERHUB_TEST_POSTGRES).
    @Tag static var postgres: Self
}
