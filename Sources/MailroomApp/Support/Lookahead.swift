import Dispatch
import Synchronization

/// Work started now on a thread of its own (a global dispatch queue), whose result is collected later with
/// ``wait()``: the processor prepares the next batch this way while the current one is written. ``wait()`` blocks
/// its thread, so it is called only off the cooperative pool.
final class Lookahead<Value: Sendable>: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let outcome = Mutex<Result<Value, any Error>?>(nil)

    /// Starts `work`.
    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async { [self] in
            let result = Result { try work() }
            outcome.withLock { $0 = result }
            finished.signal()
        }
    }

    /// The result of the work (its error rethrown), once it is done; may be called more than once.
    func wait() throws -> Value {
        finished.wait()
        finished.signal()
        return try outcome.withLock { $0! }.get()
    }
}
