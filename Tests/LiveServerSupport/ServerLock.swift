/// Keeps tests that stop or restart the shared test servers apart from the tests that use them.
///
/// The test targets run in one process and their suites run in parallel: a test that restarts dovecot takes the
/// lock exclusively, the tests that need the servers up take it shared. Waiters are served in arrival order, so
/// a waiting exclusive holder is not starved by a stream of shared ones.
public actor ServerLock {
    /// The one lock for the shared test servers.
    public static let servers = ServerLock()

    private var sharedHolders = 0
    private var exclusiveHeld = false
    private var waiters: [(exclusive: Bool, continuation: CheckedContinuation<Void, Never>)] = []

    /// Runs `body` while the servers are not being restarted.
    public nonisolated func withShared<T>(_ body: () async throws -> T) async throws -> T {
        await acquire(exclusive: false)
        do {
            let result = try await body()
            await release(exclusive: false)
            return result
        } catch {
            await release(exclusive: false)
            throw error
        }
    }

    /// Runs `body` alone: no test that takes the lock shared runs meanwhile.
    public nonisolated func withExclusive<T>(_ body: () async throws -> T) async throws -> T {
        await acquire(exclusive: true)
        do {
            let result = try await body()
            await release(exclusive: true)
            return result
        } catch {
            await release(exclusive: true)
            throw error
        }
    }

    private func acquire(exclusive: Bool) async {
        if waiters.isEmpty, canEnter(exclusive: exclusive) {
            enter(exclusive: exclusive)
            return
        }
        await withCheckedContinuation { waiters.append((exclusive, $0)) }
    }

    private func release(exclusive: Bool) {
        if exclusive { exclusiveHeld = false } else { sharedHolders -= 1 }
        while let next = waiters.first, canEnter(exclusive: next.exclusive) {
            waiters.removeFirst()
            enter(exclusive: next.exclusive)
            next.continuation.resume()
        }
    }

    private func canEnter(exclusive: Bool) -> Bool {
        exclusive ? !exclusiveHeld && sharedHolders == 0 : !exclusiveHeld
    }

    private func enter(exclusive: Bool) {
        if exclusive { exclusiveHeld = true } else { sharedHolders += 1 }
    }
}
