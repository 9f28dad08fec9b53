import Foundation
import LiveServerSupport
import Testing

@testable import MailTransport

extension LiveTests {
    @Suite struct IMAPIdleLive {
        /// The wakeup of `waiting`, which is cancelled after `seconds` (it then says `.cancelled`): a wakeup that
        /// never comes fails the test instead of holding the whole run (IDLE is renewed only every 29 minutes).
        private func bounded(_ waiting: Task<IdleWakeup, Never>, seconds: Int = 30) async -> IdleWakeup {
            let watchdog = Task {
                try? await Task.sleep(for: .seconds(seconds))
                waiting.cancel()
            }
            defer { watchdog.cancel() }
            return await waiting.value
        }

        @Test func idleWakesWithinTwoSecondsOfADelivery() async throws {
            let folder = try await LiveServers.newFolder("Idle")
            let idler = try IMAPIdler(configuration: LiveServers.imap(), mailbox: folder, pollInterval: .seconds(60))
            #expect(await idler.wait() == .changed)  // a new session: the caller must check first
            for round in 1...2 {
                let waiting = Task { await idler.wait() }
                try await Task.sleep(for: .milliseconds(500))
                let delivered = ContinuousClock.now
                try LiveServers.seed([TestMessage.make(size: 1500, id: "idle\(round)")], into: folder)
                let wakeup = await bounded(waiting)
                let latency = ContinuousClock.now - delivered
                #expect(wakeup == .changed)
                #expect(latency < .seconds(2), "IDLE woke \(latency) after the delivery")
            }
            #expect(await idler.sessionsOpened == 1)
            await idler.close()
        }

        @Test func idleIsRenewedWhenNothingHappens() async throws {
            let folder = try await LiveServers.newFolder("IdleRenew")
            let idler = try IMAPIdler(configuration: LiveServers.imap(), mailbox: folder, renewal: .seconds(1))
            #expect(await idler.wait() == .changed)
            let start = ContinuousClock.now
            #expect(await idler.wait() == .renewed)
            #expect(ContinuousClock.now - start >= .seconds(1))
        }

        @Test func withoutIdleItPolls() async throws {
            let idler = try IMAPIdler(configuration: LiveServers.imap(), pollInterval: .milliseconds(300))
            await idler.ignoreIdleCapability()
            let start = ContinuousClock.now
            #expect(await idler.wait() == .poll(nil))
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }

        @Test func droppedConnectionFallsBackThenReconnects() async throws {
            let folder = try await LiveServers.newFolder("IdleDrop")
            let idler = try IMAPIdler(configuration: LiveServers.imap(), mailbox: folder, pollInterval: .seconds(1))
            #expect(await idler.wait() == .changed)
            let waiting = Task { await idler.wait() }
            try await Task.sleep(for: .milliseconds(300))
            try LiveServers.runScript("kick-imap")
            let wakeup = await bounded(waiting)
            guard case .poll(let reason) = wakeup else {
                Issue.record("expected a poll fallback after the drop, got \(wakeup)")
                return
            }
            #expect(reason == .connectionLost)
            #expect(await idler.wait() == .changed)  // reconnected: a new session
            #expect(await idler.sessionsOpened == 2)
        }

        @Test func cancellationStopsTheWait() async throws {
            let folder = try await LiveServers.newFolder("IdleCancel")
            let idler = try IMAPIdler(configuration: LiveServers.imap(), mailbox: folder)
            #expect(await idler.wait() == .changed)
            let waiting = Task { await idler.wait() }
            try await Task.sleep(for: .milliseconds(300))
            let start = ContinuousClock.now
            waiting.cancel()
            #expect(await waiting.value == .cancelled)
            #expect(ContinuousClock.now - start < .seconds(1))
        }
    }
}
