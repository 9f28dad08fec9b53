import Foundation
import Synchronization

/// Work started now on a thread of its own, whose result is collected later with ``wait()``: the processor prepares
/// the next batch this way while the current one is written. The thread is not one of the dispatch pool's, whose
/// width is the number of cores: a waiting caller that holds a pool thread cannot keep the work from starting.
/// ``wait()`` blocks its thread, so it is called only off the cooperative pool.
final class Lookahead<Value: Sendable>: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let outcome = Mutex<Result<Value, any Error>?>(nil)

    /// Starts `work`.
    init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result { try work() }
            outcome.withLock { $0 = result }
            finished.signal()
        }
        thread.name = "mailroom.lookahead"
        thread.start()
    }

    /// The result of the work (its error rethrown), once it is done; may be called more than once.
    func wait() throws -> Value {
        finished.wait()
        finished.signal()
        return try outcome.withLock { $0! }.get()
    }
}
