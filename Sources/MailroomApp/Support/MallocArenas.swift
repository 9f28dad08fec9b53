import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// glibc gives threads that allocate at the same time malloc arenas of their own (up to eight per core). The
/// gateway's threads (a libcurl thread per connection, the dispatch and concurrency pools) then leave freed memory
/// scattered over many arenas. Two arenas kept the peak RSS of `bench/e2e`'s 2,000-mail run about 1 MB lower
/// (62.4-63.2 MB against 63.5-64.3 MB in three runs each) at the same throughput.
public enum MallocArenas {
    /// Limits glibc to two arenas, unless `MALLOC_ARENA_MAX` says otherwise. Call before the threads start.
    public static func limitForGateway(environment: [String: String] = ProcessInfo.processInfo.environment) {
        #if canImport(Glibc)
            guard environment["MALLOC_ARENA_MAX"] == nil,
                let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt")
            else { return }
            // mallopt is in <malloc.h>, which Swift's Glibc module does not import; M_ARENA_MAX is -8 there.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            _ = unsafeBitCast(symbol, to: Mallopt.self)(-8, 2)
        #endif
    }
}
