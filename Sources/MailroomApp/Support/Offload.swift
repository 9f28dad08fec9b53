import Dispatch

/// Runs blocking work (database transactions, which may wait for the single writer) on a dispatch thread, not
/// on one of the few threads of Swift's cooperative pool: while one service waits for the writer, the others'
/// network I/O and continuations keep running.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
