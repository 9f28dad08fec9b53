import Testing

/// Every live test runs inside this one serialized suite: one of them restarts the IMAP server, and all share
/// one server instance. Each test still uses its own folder, so none depends on another's mailbox state.
@Suite(.serialized, .enabled(if: LiveServers.isEnabled, LiveServers.skipReason))
enum LiveTests {}
