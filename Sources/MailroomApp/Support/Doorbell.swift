import Synchronization

/// Wakes a waiting service early (the poller rings the processor, the processor rings the sender).
/// Waiting is a short sleep loop on a generation counter: robust under cancellation, at most 50 ms late.
final class Doorbell: Sendable {
    private let generation = Mutex(0)

    /// Rings: a service waiting now, or the next one to wait, returns at once.
    func ring() {
        generation.withLock { $0 += 1 }
    }

    /// Waits until the bell rings (since `seen`) or `timeout` passes; returns the generation to pass next time.
    func wait(since seen: Int, timeout: Duration) async throws -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            let current = generation.withLock { $0 }
            if current != seen { return current }
            try await Task.sleep(for: .milliseconds(50))
        }
        return generation.withLock { $0 }
    }

    /// The current generation.
    var current: Int { generation.withLock { $0 } }
}
