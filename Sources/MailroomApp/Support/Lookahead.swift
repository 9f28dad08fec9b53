import Foundation
import Synchronization

/// Work started now on a ``LookaheadThread``, whose result is collected later with ``wait()``: the processor
/// prepares the next batch this way while the current one is written. The thread is not one of the dispatch
/// pool's, whose width is the number of cores: a waiting caller that holds a pool thread cannot keep the work from
/// starting. ``wait()`` blocks its thread, so it is called only off the cooperative pool.
final class Lookahead<Value: Sendable>: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let outcome = Mutex<Result<Value, any Error>?>(nil)

    /// Starts `work` on `thread` (after the work queued there before it).
    init(on thread: LookaheadThread, _ work: @escaping @Sendable () throws -> Value) {
        thread.run { [self] in
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

/// One long-lived thread that runs lookahead work in the order given, for as long as its owner lives. A thread
/// per batch started and ended an operating-system thread eight messages at a time; the test suite's crashes at a
/// thread's exit (glibc's `tcache_thread_shutdown`) were in such threads, so no thread ends per batch any more.
final class LookaheadThread: Sendable {
    private let jobs = LookaheadJobs()

    /// Starts the thread.
    init(name: String) {
        let jobs = jobs
        let thread = Thread { jobs.runUntilStopped() }
        thread.name = name
        thread.start()
    }

    deinit {
        jobs.stop()
    }

    /// Queues `job`.
    func run(_ job: @escaping @Sendable () -> Void) {
        jobs.push(job)
    }
}

/// The queue a ``LookaheadThread`` works through; the thread holds it, not the thread object, so the owner's
/// release stops the thread.
private final class LookaheadJobs: Sendable {
    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var stopping = false
    }

    private let state = Mutex(State())
    private let signal = DispatchSemaphore(value: 0)

    func push(_ job: @escaping @Sendable () -> Void) {
        state.withLock { $0.jobs.append(job) }
        signal.signal()
    }

    func stop() {
        state.withLock { $0.stopping = true }
        signal.signal()
    }

    /// Runs jobs as they come; after ``stop()``, finishes those already queued and returns.
    func runUntilStopped() {
        while true {
            signal.wait()
            let next = state.withLock { state -> (job: (@Sendable () -> Void)?, stop: Bool) in
                if state.jobs.isEmpty { return (nil, state.stopping) }
                return (state.jobs.removeFirst(), false)
            }
            if let job = next.job {
                job()
            } else if next.stop {
                return
            }
        }
    }
}
