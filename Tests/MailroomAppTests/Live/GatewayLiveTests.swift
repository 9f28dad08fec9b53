import LiveServerSupport
import Testing

/// The gateway on real servers (dovecot and the SMTP sink of scripts/mail-servers): end to end, crash safety,
/// outages and mail loops, with the built `mailroom` binary as a subprocess.
///
/// Each test has its own dovecot user, support domain (so its mail in the shared sink is told apart by the
/// envelope sender), database and configuration, so no test depends on another. The suite is serialized all the
/// same, and each holds ``LiveServerLock`` so that no live test of another target runs meanwhile: the crash test
/// is heavy, and tests that wait for a retry time or assert a timeout should not compete with it.
@Suite(
    .serialized, .enabled(if: LiveServers.isEnabled, Comment(rawValue: LiveServers.skipReason)), .liveServers)
enum GatewayLiveTests {}
