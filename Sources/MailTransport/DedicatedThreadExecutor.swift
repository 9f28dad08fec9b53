import Foundation

/// A serial executor that runs every job on one dedicated thread, off the Swift cooperative pool.
///
/// An actor that uses it as its `unownedExecutor` runs all its code there, so the blocking libcurl calls of one
/// connection never hold a cooperative thread and never run on two threads. The thread ends when the executor is
/// released (its actor is gone).
final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: the only shared state is `queue`, whose mutable fields are guarded by its NSCondition.
    private let queue = JobQueue()

    init(name: String) {
        queue.start(executor: UnownedSerialExecutor(ordinary: self), name: name)
    }

    deinit {
        queue.stop()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        queue.push(UnownedJob(job))
    }
}

/// The job list shared between `enqueue` callers and the thread. `jobs` and `stopping` are read and written only
/// while `condition` is locked; `executor` is set once before the thread starts.
private final class JobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false

    func start(executor: UnownedSerialExecutor, name: String) {
        let thread = Thread { [self] in run(executor) }
        thread.name = name
        thread.start()
    }

    func push(_ job: UnownedJob) {
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    func stop() {
        condition.withLock {
            stopping = true
            condition.signal()
        }
    }

    private func run(_ executor: UnownedSerialExecutor) {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: executor) }
        }
    }
}
