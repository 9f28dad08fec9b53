import LiveServerSupport
import Testing

/// Every live test runs inside this one serialized suite: one of them restarts the IMAP server, and all share
/// one server instance. Each test still uses its own folder, so none depends on another's mailbox state. Each
/// holds `LiveServerLock`, so the live tests of other targets (which share the servers) do not run meanwhile.
@Suite(.serialized, .enabled(if: LiveServers.isEnabled, Comment(rawValue: LiveServers.skipReason)), .liveServers)
enum LiveTests {}
