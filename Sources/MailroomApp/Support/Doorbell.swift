import Synchronization

/// Wakes a waiting service early (the poller rings the processor, the processor rings the sender).
///
/// A ring resumes every waiter at once. It was a 50 ms sleep loop on a generation counter: the sender, each time
/// it had sent all that was queued, slept up to 50 ms while the processor queued more, so during a backlog it sent
/// in bursts and left the rest for the end (`DoorbellTests`).
final class Doorbell: Sendable {
    private struct State {
        var generation = 0
        var waiters: [ObjectIdentifier: Waiter] = [:]
    }

    private let state = Mutex(State())
    private let sleep: @Sendable (Duration) async throws -> Void

    /// A bell; `sleep` waits out a wait's timeout (injected by tests).
    init(sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.sleep = sleep
    }

    /// Rings: a service waiting now, or the next one to wait, returns at once.
    func ring() {
        let waiters = state.withLock { state in
            state.generation += 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.finish() }
    }

    /// Waits until the bell rings (since `seen`) or `timeout` passes; returns the generation to pass next time.
    /// - Throws: `CancellationError` when the task is cancelled.
    func wait(since seen: Int, timeout: Duration) async throws -> Int {
        if current == seen {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await self.ringing(after: seen) }
                group.addTask { try await self.sleep(timeout) }
                defer { group.cancelAll() }
                _ = try await group.next()
            }
        }
        try Task.checkCancellation()
        return current
    }

    /// The current generation.
    var current: Int { state.withLock { $0.generation } }

    /// Returns once the generation is past `seen`, or the task is cancelled.
    private func ringing(after seen: Int) async {
        let waiter = Waiter()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let rung = state.withLock { state in
                    guard state.generation == seen, !Task.isCancelled else { return true }
                    state.waiters[ObjectIdentifier(waiter)] = waiter
                    return false
                }
                waiter.start(continuation, at: rung)
            }
        } onCancel: {
            _ = state.withLock { $0.waiters.removeValue(forKey: ObjectIdentifier(waiter)) }
            waiter.finish()
        }
    }
}

/// One wait: resumed exactly once, by a ring or a cancellation, whichever comes first, even when it comes before
/// the continuation is handed over.
private final class Waiter: Sendable {
    private enum Phase {
        case starting
        case waiting(CheckedContinuation<Void, Never>)
        case finished
    }

    private let phase = Mutex(Phase.starting)

    /// Hands over the continuation; resumes it at once when the wait already finished (or `finished` is true).
    func start(_ continuation: CheckedContinuation<Void, Never>, at finished: Bool) {
        let resume = phase.withLock { phase in
            if finished { phase = .finished }
            guard case .starting = phase else { return true }
            phase = .waiting(continuation)
            return false
        }
        if resume { continuation.resume() }
    }

    /// Ends the wait (a second call does nothing).
    func finish() {
        let continuation = phase.withLock { phase -> CheckedContinuation<Void, Never>? in
            defer { phase = .finished }
            guard case .waiting(let continuation) = phase else { return nil }
            return continuation
        }
        continuation?.resume()
    }
}
