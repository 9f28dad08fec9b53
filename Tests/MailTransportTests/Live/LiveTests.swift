import LiveServerSupport
import Testing

/// Every live test runs inside this one serialized suite: one of them restarts the IMAP server, and all share
/// one server instance. Each test still uses its own folder, so none depends on another's mailbox state. The
/// restart holds `ServerLock.servers` exclusively, so the live suites of other targets wait for it.
@Suite(.serialized, .enabled(if: LiveServers.isEnabled, Comment(rawValue: LiveServers.skipReason)))
enum LiveTests {}
