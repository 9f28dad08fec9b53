import Dispatch
import Synchronization

/// Group commit: callers that arrive while a commit is running wait for the next one, which takes all of them in
/// one transaction. A lone caller is committed at once (no timer, no added latency); under load, one commit (and
/// one sync of the log) serves every caller that waited for the single writer. Each caller gets its own output,
/// or the commit's error.
final class GroupCommit<Input: Sendable, Output: Sendable>: Sendable {
    private struct Waiting: Sendable {
        let input: Input
        let complete: @Sendable (Result<Output, any Error>) -> Void
    }

    /// An input left for the next commit (``submitWithNext(_:)``); its output once committed.
    final class Pending: Sendable {
        private let state = Mutex<
            (result: Result<Output, any Error>?, waiter: CheckedContinuation<Output, any Error>?)
        >(
            (nil, nil))

        fileprivate func complete(_ result: Result<Output, any Error>) {
            let waiter = state.withLock { state in
                guard let waiter = state.waiter else {
                    state.result = result
                    return CheckedContinuation<Output, any Error>?.none
                }
                state.waiter = nil
                return waiter
            }
            waiter?.resume(with: result)
        }

        /// The output, once the input is committed; or the commit's error.
        var value: Output {
            get async throws {
                try await withCheckedThrowingContinuation { continuation in
                    let result = state.withLock { state in
                        if state.result == nil { state.waiter = continuation }
                        return state.result
                    }
                    if let result { continuation.resume(with: result) }
                }
            }
        }
    }

    private struct State: Sendable {
        var waiting: [Waiting] = []
        /// How many of `waiting` came through ``submit(_:)``: a commit runs only for them.
        var submitted = 0
        var committing = false
    }

    private let state = Mutex(State())
    private let commit: @Sendable ([Input]) throws -> [Output]

    /// Creates a group commit around `commit`, which must return one output per input, in order. It runs on a
    /// dispatch thread (it blocks on the database), one call at a time.
    init(_ commit: @escaping @Sendable ([Input]) throws -> [Output]) {
        self.commit = commit
    }

    /// How many callers wait for the next commit (for tests and diagnostics).
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Commits `input` with whatever else is waiting; returns its output.
    func submit(_ input: Input) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(Waiting(input: input, complete: { continuation.resume(with: $0) }), starts: true)
        }
    }

    /// Leaves `input` for the next commit that a ``submit(_:)`` (of any caller) starts or joins. It starts no
    /// commit itself, so a caller with more to submit soon (the results of mail it is still sending) shares one
    /// commit with that rather than making one of its own; it must make sure a ``submit(_:)`` follows (its own
    /// last input, say). The input is queued before this returns.
    func submitWithNext(_ input: Input) -> Pending {
        let pending = Pending()
        enqueue(Waiting(input: input, complete: { pending.complete($0) }), starts: false)
        return pending
    }

    private func enqueue(_ waiting: Waiting, starts: Bool) {
        let leads = state.withLock { state in
            state.waiting.append(waiting)
            guard starts else { return false }
            state.submitted += 1
            guard !state.committing else { return false }
            state.committing = true
            return true
        }
        if leads { DispatchQueue.global().async { self.drain() } }
    }

    /// Commits groups until no caller of ``submit(_:)`` waits.
    private func drain() {
        while true {
            let group = state.withLock { state in
                guard state.submitted > 0 else {
                    state.committing = false
                    return [Waiting]()
                }
                let group = state.waiting
                state.waiting = []
                state.submitted = 0
                return group
            }
            guard !group.isEmpty else { return }
            let result = Result { try commit(group.map(\.input)) }
            switch result {
            case .success(let outputs) where outputs.count == group.count:
                for (waiting, output) in zip(group, outputs) { waiting.complete(.success(output)) }
            case .success(let outputs):
                let error = GroupCommitError.outputCount(expected: group.count, got: outputs.count)
                for waiting in group { waiting.complete(.failure(error)) }
            case .failure(let error):
                for waiting in group { waiting.complete(.failure(error)) }
            }
        }
    }
}

/// A commit that broke its contract.
enum GroupCommitError: Error, Equatable {
    /// The commit returned another number of outputs than it got inputs.
    case outputCount(expected: Int, got: Int)
}
