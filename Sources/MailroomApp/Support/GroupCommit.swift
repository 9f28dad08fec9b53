import Dispatch
import Synchronization

/// Group commit: callers that arrive while a commit is running wait for the next one, which takes all of them in
/// one transaction. A lone caller is committed at once (no timer, no added latency); under load, one commit (and
/// one sync of the log) serves every caller that waited for the single writer. Each caller gets its own output,
/// or the commit's error.
final class GroupCommit<Input: Sendable, Output: Sendable>: Sendable {
    private struct Waiting: Sendable {
        let input: Input
        let continuation: CheckedContinuation<Output, any Error>
    }

    private struct State: Sendable {
        var waiting: [Waiting] = []
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
            let leads = state.withLock { state in
                state.waiting.append(Waiting(input: input, continuation: continuation))
                guard !state.committing else { return false }
                state.committing = true
                return true
            }
            if leads { DispatchQueue.global().async { self.drain() } }
        }
    }

    /// Commits groups until nobody waits.
    private func drain() {
        while true {
            let group = state.withLock { state in
                let group = state.waiting
                state.waiting = []
                if group.isEmpty { state.committing = false }
                return group
            }
            guard !group.isEmpty else { return }
            let result = Result { try commit(group.map(\.input)) }
            switch result {
            case .success(let outputs) where outputs.count == group.count:
                for (waiting, output) in zip(group, outputs) { waiting.continuation.resume(returning: output) }
            case .success(let outputs):
                let error = GroupCommitError.outputCount(expected: group.count, got: outputs.count)
                for waiting in group { waiting.continuation.resume(throwing: error) }
            case .failure(let error):
                for waiting in group { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}

/// A commit that broke its contract.
enum GroupCommitError: Error, Equatable {
    /// The commit returned another number of outputs than it got inputs.
    case outputCount(expected: Int, got: Int)
}
