extension IMAPClient {
    /// The mailbox's UIDVALIDITY, UIDNEXT, MESSAGES and UNSEEN, up to date (NOOP on the selected mailbox, then
    /// STATUS: a server may answer STATUS of the selected mailbox from the session's last synchronised view).
    public func status() async throws(TransportError) -> MailboxStatus {
        try await synchronize()
        return try await status(of: mailbox)
    }

    /// NOOP on the selected mailbox, so the session sees new deliveries (Dovecot does not rescan a Maildir for
    /// SEARCH or STATUS, and answers a FETCH of a UID it has not seen yet with nothing). An untagged NO or BYE in
    /// the answer (e.g. the selected mailbox was deleted and re-created by someone else) means the session's view
    /// is broken: the connection is replaced.
    public func synchronize() async throws(TransportError) {
        let transfer = try await perform(CurlRequest(url: mailboxURL, customRequest: "NOOP"), "NOOP")
        let broken = transfer.transcript.contains { line in
            let text = line.text.uppercased()
            return line.direction == .received
                && (text.hasPrefix("* BYE") || (text.hasPrefix("* NO") && !text.contains("[ALERT]")))
        }
        if broken {
            close()
            _ = try await perform(CurlRequest(url: mailboxURL, customRequest: "NOOP"), "NOOP")
        }
    }

    /// STATUS of any mailbox (`Processed`, a folder name in plain Unicode).
    public func status(of name: String) async throws(TransportError) -> MailboxStatus {
        let command = "STATUS \(ServerURL.quoted(ModifiedUTF7.encode(name))) (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)"
        let transfer = try await perform(
            CurlRequest(url: server + "/", customRequest: command), "STATUS", mailbox: name)
        guard let status = IMAPResponse.status(String(decoding: transfer.body, as: UTF8.self)) else {
            throw TransportError(
                .protocolError, transient: false, message: "IMAP STATUS of \"\(name)\" on \(server) was not understood."
            )
        }
        return status
    }

    /// The UIDs above `checkpoint`, ascending, at most `limit` of them (``UIDSearchWindows``: bounded windows, so no
    /// answer line grows past libcurl's line buffer).
    public func uids(after checkpoint: UInt32, limit: Int = 1000) async throws(TransportError) -> [UInt32] {
        guard limit > 0, checkpoint < UInt32.max else { return [] }
        let uidNext = try await status().uidNext
        var search = UIDSearchWindows(
            after: checkpoint, uidNext: uidNext, limit: limit, eSearch: try await capabilities().contains("ESEARCH"))
        while let command = search.command {
            let transfer = try await perform(CurlRequest(url: mailboxURL, customRequest: command), "UID SEARCH")
            search.take(String(decoding: transfer.body, as: UTF8.self))
        }
        return search.uids
    }

    /// Moves messages to `destination` with as few commands as possible: `UID MOVE 12:40,43` (RFC 6851), or
    /// `UID COPY` + `\Deleted` + `UID EXPUNGE` when the server lacks MOVE.
    ///
    /// UIDs that no longer exist are ignored by the server. Throws `mailboxNotFound` when the destination does
    /// not exist.
    @discardableResult
    public func move(uids: [UInt32], to destination: String) async throws(TransportError) -> MoveOutcome {
        let capabilities = try await capabilities()
        let target = ServerURL.quoted(ModifiedUTF7.encode(destination))
        let outcome: MoveOutcome =
            capabilities.contains("MOVE")
            ? .moved : capabilities.contains("UIDPLUS") ? .copiedAndExpunged : .copiedAndFlaggedDeleted
        for set in UIDSet.chunks(uids, maxCount: Self.uidsPerCommand) {
            switch outcome {
            case .moved:
                try await command("UID MOVE \(set) \(target)", "UID MOVE", mailbox: destination)
            case .copiedAndExpunged, .copiedAndFlaggedDeleted:
                // Not retried: a COPY whose answer was lost may have run, and a second one would duplicate.
                try await command("UID COPY \(set) \(target)", "UID COPY", mailbox: destination, retry: false)
                try await command("UID STORE \(set) +FLAGS.SILENT (\\Deleted)", "UID STORE")
                if outcome == .copiedAndExpunged { try await command("UID EXPUNGE \(set)", "UID EXPUNGE") }
            }
        }
        return outcome
    }

    /// Creates a mailbox (folder); `alreadyExists` when it is there already.
    @discardableResult
    public func createMailbox(_ name: String) async throws(TransportError) -> CreateOutcome {
        let command = "CREATE \(ServerURL.quoted(ModifiedUTF7.encode(name)))"
        do {
            try await self.command(command, "CREATE", url: server + "/", mailbox: name)
            return .created
        } catch {
            let refusal = error.serverResponse?.uppercased() ?? ""
            if error == .commandFailed, refusal.contains("ALREADYEXISTS") || refusal.contains("EXISTS") {
                return .alreadyExists
            }
            throw error
        }
    }

    /// Deletes a mailbox (folder) and the messages in it.
    public func deleteMailbox(_ name: String) async throws(TransportError) {
        try await command(
            "DELETE \(ServerURL.quoted(ModifiedUTF7.encode(name)))", "DELETE", url: server + "/",
            mailbox: name)
    }

    /// Adds flags to messages (`UID STORE set +FLAGS.SILENT (...)`), one command per UID-set chunk.
    public func setFlags(_ flags: [MessageFlag], uids: [UInt32]) async throws(TransportError) {
        try await store("+FLAGS.SILENT", flags, uids)
    }

    /// Removes flags from messages (`UID STORE set -FLAGS.SILENT (...)`).
    public func clearFlags(_ flags: [MessageFlag], uids: [UInt32]) async throws(TransportError) {
        try await store("-FLAGS.SILENT", flags, uids)
    }

    /// The flags of one message, or nil when the UID does not exist.
    public func flags(uid: UInt32) async throws(TransportError) -> Set<MessageFlag>? {
        let transfer = try await perform(
            CurlRequest(url: mailboxURL, customRequest: "UID FETCH \(uid) (UID FLAGS)"), "UID FETCH FLAGS")
        return IMAPResponse.fetchFlags(String(decoding: transfer.body, as: UTF8.self))[uid]
    }

    private func store(_ action: String, _ flags: [MessageFlag], _ uids: [UInt32]) async throws(TransportError) {
        guard !flags.isEmpty else { return }
        let list = flags.map(\.rawValue).joined(separator: " ")
        for set in UIDSet.chunks(uids, maxCount: Self.uidsPerCommand) {
            try await command("UID STORE \(set) \(action) (\(list))", "UID STORE")
        }
    }
}
