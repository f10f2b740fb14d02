import CNcursesw
import Foundation

/// The allocator settings that keep a TUI holding 50,000 channels near the heap it really uses
/// (docs/PERFORMANCE.md): measured with the sandbox over HTTP, resident memory went from 155 MB
/// to about 140 MB; without them glibc keeps freed memory of each worker thread's arena mapped.
public enum MemoryTuning {
    /// Call first thing in `main`, before any thread starts.
    public static func configure() { nc_malloc_tune() }

    /// Gives free pages back after a large change (a new snapshot replaced the old one).
    public static func trim() { nc_malloc_trim() }

    /// Bytes in use by malloc (benchmarks).
    public static var heapInUse: Int { Int(nc_heap_in_use()) }
}
