#if canImport(Glibc)
    import Glibc
#endif

/// The heap allocation count kept by Benchmarks/malloc-counter (LD_PRELOADed by
/// Benchmarks/run.sh); nil when the process runs without it.
struct MallocCounter {
    private typealias CountFunction = @convention(c) () -> UInt

    private let countFunction: CountFunction

    init?() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_counter_count") else { return nil }
        countFunction = unsafeBitCast(symbol, to: CountFunction.self)
    }

    /// Allocations (malloc, calloc, realloc, memalign, aligned_alloc, posix_memalign) so far.
    var count: UInt { countFunction() }
}
