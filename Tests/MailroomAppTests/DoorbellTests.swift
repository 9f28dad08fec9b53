import Foundation
import Synchronization
import Testing

@testable import MailroomApp

/// A ring wakes the service that waits for it at once. The bell was a 50 ms sleep loop: the sender, whenever it
/// had sent everything queued, slept up to 50 ms while the processor queued more, and `run --once` ended up to
/// 50 ms late at each hand-over. (The old loop measured 450 ms for ten hand-overs that now take well under 1 ms;
/// that is not asserted, since a loaded test machine makes any wake-up late.)
@Suite struct DoorbellTests {
    /// The waiter sleeps only for its timeout, which here never ends: it returns because of the ring, and it
    /// never slept in short steps to look again.
    @Test func aRingWakesTheWaiterWithoutPolling() async throws {
        let sleeps = Mutex<[Duration]>([])
        let bell = Doorbell { duration in
            sleeps.withLock { $0.append(duration) }
            try await Task.sleep(for: .seconds(3600))
        }
        for round in 1...3 {
            let seen = bell.current
            async let woken = bell.wait(since: seen, timeout: .seconds(60))
            while sleeps.withLock({ $0.count }) < round { await Task.yield() }
            bell.ring()
            #expect(try await woken == seen + 1)
        }
        #expect(sleeps.withLock { $0 } == [.seconds(60), .seconds(60), .seconds(60)])
    }

    @Test func aRingBeforeTheWaitIsNotMissed() async throws {
        let bell = Doorbell()
        let seen = bell.current
        bell.ring()
        #expect(try await bell.wait(since: seen, timeout: .seconds(60)) == seen + 1)
    }

    @Test func withoutARingTheWaitEndsAtItsTimeout() async throws {
        let bell = Doorbell()
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try await bell.wait(since: bell.current, timeout: .milliseconds(30)) == 0)
        #expect(clock.now - start >= .milliseconds(30))
    }

    @Test func aCancelledWaitThrowsAndLeavesTheBellWorking() async throws {
        let bell = Doorbell()
        let waiting = Task { try await bell.wait(since: bell.current, timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(5))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        let seen = bell.current
        async let woken = bell.wait(since: seen, timeout: .seconds(60))
        bell.ring()
        #expect(try await woken == seen + 1)
    }

    /// Many waiters, many rings from other threads: every waiter returns, none is left behind.
    @Test func everyWaiterReturns() async throws {
        let bell = Doorbell()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    var seen = bell.current
                    for _ in 0..<20 { seen = try await bell.wait(since: seen, timeout: .seconds(60)) }
                }
            }
            group.addTask {
                for _ in 0..<2_000 {
                    bell.ring()
                    await Task.yield()
                }
                // The last waits see one more ring after the ringer stops.
                while true {
                    try await Task.sleep(for: .milliseconds(1))
                    bell.ring()
                    if Task.isCancelled { return }
                }
            }
            for _ in 0..<50 { try await group.next() }
            group.cancelAll()
        }
    }
}
