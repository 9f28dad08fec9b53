import Testing

/// Runs the live tests of every target one at a time.
///
/// The test targets run in one process and their suites run in parallel, but the live tests share the mail
/// servers and the machine's cores: one restarts dovecot, one kills `mailroom run` over and over, and several
/// assert timeouts. Each live test holds this lock for its whole run (see ``LiveServersTrait``); waiters are served
/// in arrival order.
public actor LiveServerLock {
    /// The one lock for the shared test servers.
    public static let shared = LiveServerLock()

    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` while no other live test runs.
    public nonisolated func withLock<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// Holds ``LiveServerLock`` around each test of a suite (or around one test).
public struct LiveServersTrait: SuiteTrait, TestTrait, TestScoping {
    /// Applies to every test in the suite.
    public var isRecursive: Bool { true }

    /// Runs the test while holding the lock.
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await LiveServerLock.shared.withLock { try await function() }
    }
}

extension Trait where Self == LiveServersTrait {
    /// Runs each test alone among the live tests of all targets (they share the servers and the cores).
    public static var liveServers: Self { Self() }
}
