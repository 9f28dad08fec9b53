import Dispatch
import GRDB
import Synchronization

/// Group commit across the gateway's services: writes that wait for the single writer at the same time (a
/// processing batch, the sender's results) run one after the other in one transaction and share one commit, so
/// one sync of the log and one copy of the pages they both change. A write that arrives while the writer is idle
/// runs at once, alone: no timer, no added latency.
///
/// Measured on the 2,000-mail e2e run: the single writer was busy 85-95% of the time while processing ran, and
/// most of its transactions were the sender's, each a commit (about 25 log pages and a sync) for one or two
/// results.
///
/// Each write keeps its own outcome: when one throws, or the commit fails, the group is rolled back and each of its
/// writes runs again alone, in a transaction of its own, exactly as without grouping; so a write must be one that
/// can run again after a rollback (a function of the database, as `pool.write` bodies are; what it counts in memory
/// may count twice in that case). Not savepoints: the search index (FTS5) is called at every savepoint of a
/// transaction it is in, to write its pending terms out, about 17,000 instructions each (97 M per 1,000 mails).
///
/// The thread that finds the writer idle leads: it runs the group waiting at that moment (its own write first),
/// then hands the lead to the oldest write that arrived meanwhile, so no caller runs other callers' writes for
/// longer than one group. Callers block until their write is committed (or failed), as with `pool.write`.
final class SharedCommit: Sendable {
    private final class Write: @unchecked Sendable {
        /// Let go by the leader once the group has run, before any caller is woken: the caller's closure must not
        /// outlive its call.
        var body: ((Database) throws -> Void)?
        let woken = DispatchSemaphore(value: 0)
        /// Set by the leader before it wakes the caller.
        var error: (any Error)?
        /// Set under the state's lock before the caller is woken: it leads the next group.
        var leads = false

        init(_ body: @escaping (Database) throws -> Void) { self.body = body }
    }

    private struct State: Sendable {
        var waiting: [Write] = []
        var busy = false
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    private let started = Atomic<Int>(0)
    private let groups = Atomic<Int>(0)

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// How many groups have been taken to run; for tests.
    var startedGroupCount: Int { started.load(ordering: .relaxed) }

    /// How many groups have been committed (or failed); for tests.
    var groupCount: Int { groups.load(ordering: .relaxed) }

    /// How many writes wait for the writer; for tests.
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Runs `body` in a transaction shared with the writes that wait with it, and returns once it is committed.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        var output: T?
        try withoutActuallyEscaping(body) { body in
            // The caller blocks until the write has run, so `body` and `output` outlive it.
            let write = Write { db in output = try body(db) }
            let leads = state.withLock { state in
                state.waiting.append(write)
                guard !state.busy else { return false }
                state.busy = true
                return true
            }
            if !leads {
                write.woken.wait()
                guard write.leads else {
                    if let error = write.error { throw error }
                    return
                }
            }
            try lead(write)
        }
        guard let output else { preconditionFailure("a committed write has no output") }
        return output
    }

    /// Runs the waiting group, which holds `own`, hands the lead on, and wakes the group's other callers.
    private func lead(_ own: Write) throws {
        let group = state.withLock { state in
            let group = state.waiting
            state.waiting = []
            return group
        }
        started.add(1, ordering: .relaxed)
        run(group)
        groups.add(1, ordering: .relaxed)
        state.withLock { state in
            if let next = state.waiting.first {
                next.leads = true
                next.woken.signal()
            } else {
                state.busy = false
            }
        }
        for write in group where write !== own { write.woken.signal() }
        if let error = own.error { throw error }
    }

    private func run(_ group: [Write]) {
        if group.count > 1 {
            do {
                try pool.write { db in
                    for write in group { try write.body?(db) }
                }
                release(group)
                return
            } catch {
                // The whole group is rolled back: each write runs again alone, as if it had never been grouped.
            }
        }
        for write in group {
            do {
                try pool.write { db in try write.body?(db) }
            } catch {
                write.error = error
            }
        }
        release(group)
    }

    /// Lets go of the callers' closures, before any caller is woken.
    private func release(_ group: [Write]) {
        for write in group { write.body = nil }
    }
}
