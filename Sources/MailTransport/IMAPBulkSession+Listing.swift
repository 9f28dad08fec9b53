/// What a mailbox holds above a checkpoint: its UIDVALIDITY, and UIDs with their sizes.
public struct MailboxListing: Sendable, Equatable {
    /// The mailbox's UIDVALIDITY when it was listed.
    public var uidValidity: UInt32
    /// UIDs above the checkpoint, ascending.
    public var uids: [UInt32]
    /// RFC822.SIZE per UID, for those the server reported.
    public var sizes: [UInt32: Int]

    /// Creates a listing.
    public init(uidValidity: UInt32, uids: [UInt32], sizes: [UInt32: Int]) {
        self.uidValidity = uidValidity
        self.uids = uids
        self.sizes = sizes
    }
}

extension IMAPBulkSession {
    /// The server's capabilities (upper-cased: `MOVE`, `ESEARCH`, ...), from this session's connection.
    public func capabilities() throws(TransportError) -> Set<String> {
        _ = try openSession()
        return capabilitySet ?? []
    }

    /// The first `limit` UIDs above the checkpoint (all from the start when the checkpoint is of another
    /// UIDVALIDITY), ascending, with their sizes.
    ///
    /// On this raw session rather than libcurl's: each answer is read whole, whatever its length, so the sizes of
    /// a whole batch come in one command. And the libcurl session stays out of the way of the moves: after
    /// another session moved 1,000 messages, its next command was answered with 1,000 EXPUNGE lines, which
    /// libcurl counts against its 300 KiB cap, so it dropped the connection, and every new connection costs a
    /// login and dovecot's scan of the whole mailbox.
    ///
    /// NOOP first (the server reports new deliveries), then STATUS: a mailbox deleted and created again under the
    /// session shows another UIDVALIDITY there, and is selected afresh. A dropped connection is opened again once.
    public func list(after checkpoint: (uidValidity: UInt32, lastUID: UInt32)?, limit: Int)
        throws(TransportError) -> MailboxListing
    {
        do {
            return try listOnce(after: checkpoint, limit: limit)
        } catch  where error.kind == .connectionLost || error.kind == .uidValidityChanged {
            if error.kind == .connectionLost { session = nil } else { close() }
            return try listOnce(after: checkpoint, limit: limit)
        }
    }

    private func listOnce(after checkpoint: (uidValidity: UInt32, lastUID: UInt32)?, limit: Int)
        throws(TransportError) -> MailboxListing
    {
        let current = try openSession()
        let noop = try run("NOOP", on: current)
        if noop.contains(where: { $0.uppercased().hasPrefix("* NO ") && !$0.uppercased().contains("[ALERT]") }) {
            throw TransportError(
                .connectionLost, transient: true, message: "IMAP on \(server): the session's view of the mailbox broke."
            )
        }
        let name = ServerURL.quoted(ModifiedUTF7.encode(mailbox))
        let statusLines = try run("STATUS \(name) (MESSAGES UIDNEXT UIDVALIDITY)", on: current)
        guard let status = IMAPResponse.status(statusLines.joined(separator: "\r\n")) else {
            throw TransportError(
                .protocolError, transient: false,
                message: "IMAP STATUS of \"\(mailbox)\" on \(server) was not understood.")
        }
        if let selected = uidValidity, selected != status.uidValidity { throw TransportError.uidValidityChanged }
        let after = checkpoint.flatMap { $0.uidValidity == status.uidValidity ? $0.lastUID : nil } ?? 0
        let uids = try search(after: after, below: status.uidNext, limit: limit, on: current)
        var sizes: [UInt32: Int] = [:]
        for set in UIDSet.chunks(uids) {
            let lines = try run("UID FETCH \(set) (UID RFC822.SIZE)", on: current)
            sizes.merge(IMAPResponse.fetchSizes(lines.joined(separator: "\r\n"))) { $1 }
        }
        return MailboxListing(uidValidity: status.uidValidity, uids: uids, sizes: sizes)
    }

    /// UIDs above `after`, ascending, at most `limit` (``UIDSearchWindows``).
    private func search(after: UInt32, below uidNext: UInt32, limit: Int, on current: RawIMAPSession)
        throws(TransportError) -> [UInt32]
    {
        var search = UIDSearchWindows(
            after: after, uidNext: uidNext, limit: limit, eSearch: capabilitySet?.contains("ESEARCH") == true)
        while let command = search.command {
            search.take(try run(command, on: current).joined(separator: "\r\n"))
        }
        return search.uids
    }

    /// Runs one command; returns its untagged lines, or throws when it is not answered OK.
    private func run(_ command: String, on current: RawIMAPSession) throws(TransportError) -> [String] {
        let answer = try current.awaitCompletion(
            of: current.send(command: command), timeoutMilliseconds: timeoutMilliseconds)
        guard answer.tagged.status == .ok else {
            let verb = command.split(separator: " ").prefix(2).joined(separator: " ")
            throw TransportError(
                answer.tagged.status == .bad ? .protocolError : .commandFailed, transient: true,
                message: "IMAP \(verb) on \(server) was refused. The server said: \"\(answer.tagged.text)\".",
                serverResponse: answer.tagged.text)
        }
        return answer.untagged
    }
}
