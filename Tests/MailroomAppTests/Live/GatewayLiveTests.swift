import LiveServerSupport
import Testing

/// The gateway on real servers (dovecot and the SMTP sink of scripts/mail-servers): end to end, crash safety,
/// outages and mail loops, with the built `mailroom` binary as a subprocess.
///
/// Each test has its own dovecot user, support domain (so its mail in the shared sink is told apart by the
/// envelope sender), database and configuration, so no test depends on another. The suite is serialized all the
/// same: the crash test is heavy, and the tests that wait for a retry time should not compete with it. Every
/// test holds ``ServerLock/servers`` shared, so a test of another target that restarts the shared dovecot waits.
@Suite(
    .serialized, .enabled(if: LiveServers.isEnabled, Comment(rawValue: LiveServers.skipReason)), .sharedServers)
enum GatewayLiveTests {}

/// Runs each test of a suite while holding ``ServerLock/servers`` shared.
struct SharedServersTrait: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await ServerLock.servers.withShared { try await function() }
    }
}

extension Trait where Self == SharedServersTrait {
    /// Holds the shared test servers' lock (shared) around each test.
    static var sharedServers: Self { Self() }
}
