import Foundation
import Testing

/// The runner every end-to-end test reads its processes through.
@Suite struct BinaryRunnerTests {
    /// A run stopped by its timeout keeps what the process wrote before: `watch` runs end this
    /// way, and their first line was lost on loaded machines when the reader waited for EOF.
    /// The shell exits after 2 s, but a background `sleep` holds its output open, so EOF comes
    /// only after 20 s, long past the 4 s timeout. The sleep closes every other descriptor
    /// (Foundation notices the child's exit through one the child inherits, and would otherwise
    /// wait for the sleep too).
    @Test func aRunStoppedByItsTimeoutKeepsWhatWasWritten() throws {
        let holder = #"( for f in /proc/$BASHPID/fd/*; do n=${f##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done; exec sleep 20 ) &"#
        let r = try Binary.run(["-c", "echo said >&2; echo out; \(holder) sleep 2"], executable: "/bin/bash", timeout: 4)
        #expect(r.stderr == "said\n")
        #expect(r.stdout == "out\n")
        #expect(r.seconds < 10, "\(r.seconds) s")
    }
}
