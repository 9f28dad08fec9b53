import Foundation

/// Many messages in one command: a connection of its own (logged in by libcurl, then spoken raw) on one mailbox
/// that fetches a whole UID set with `UID FETCH set (UID BODY.PEEK[])`, reading each body as the exact literal the
/// server sent, and moves a whole UID set with one `UID MOVE`. One round trip for a batch instead of one per
/// message (or per 50), and no flag is changed (PEEK).
///
/// libcurl's own IMAP layer cannot do either: a custom FETCH hands the literals to the header callback, and the
/// untagged lines of any custom command count there too, capped at 300 KiB per transfer (counted about
/// quadratically: a `UID MOVE` of 1,000 failed with "Too large response headers" although the server moved them).
/// Fetch with it only messages whose listed size is known to be under the limit; anything it does not return is
/// for the caller to fetch one by one. All blocking calls run on the session's own thread.
public actor IMAPBulkSession {
    /// The configuration the session was created with.
    public nonisolated let configuration: IMAPConfiguration
    /// The mailbox read and moved from.
    public nonisolated let mailbox: String
    /// The actor's executor: a dedicated thread for the blocking calls.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let executor: DedicatedThreadExecutor
    let server: String
    var session: RawIMAPSession?
    var uidValidity: UInt32?
    /// The server's capabilities, asked once per connection (upper-cased).
    var capabilitySet: Set<String>?
    /// How many connections the session has opened so far.
    public private(set) var sessionsOpened = 0
    /// How many `UID MOVE` commands the session has sent so far.
    public private(set) var movesSent = 0
    /// Why ``prepare()`` could not log in, for the first call that needs the connection: a wrong password is
    /// tried once, not once by the preparation and again by that call.
    private var preparationError: TransportError?

    /// Creates a session; nothing is connected until the first fetch or move.
    public init(configuration: IMAPConfiguration, mailbox: String = "INBOX") throws(TransportError) {
        self.configuration = configuration
        self.mailbox = mailbox
        server = try configuration.serverURL()
        executor = DedicatedThreadExecutor(name: "imap bulk \(mailbox)")
    }

    /// Logs in and selects the mailbox now, so the first listing, fetch or move finds the connection open (a
    /// gateway calls it while it opens its store and loads its model). A failure is not reported here: the first
    /// call that needs the connection throws it.
    public func prepare() {
        guard session == nil, preparationError == nil else { return }
        do throws(TransportError) {
            _ = try openSession()
        } catch {
            preparationError = error
        }
    }

    /// The messages of `uids` that exist and are at most `maxSize` bytes, by UID, byte for byte. A UID missing
    /// from the result is gone, or larger than `maxSize` (its bytes were read and dropped). Fails with
    /// `uidValidityChanged` when the mailbox's UIDVALIDITY is not `uidValidity` (and selects the mailbox afresh
    /// on the next call). A dropped connection is opened again once.
    public func fetch(uids: [UInt32], maxSize: Int, uidValidity expected: UInt32? = nil)
        throws(TransportError) -> [UInt32: [UInt8]]
    {
        guard !uids.isEmpty else { return [:] }
        do {
            return try fetchOnce(uids: uids, maxSize: maxSize, expected: expected)
        } catch  where error.kind == .connectionLost {
            session = nil
            return try fetchOnce(uids: uids, maxSize: maxSize, expected: expected)
        }
    }

    /// Moves `uids` to `destination` with `UID MOVE` (RFC 6851; the caller checks the server has MOVE), in as
    /// few commands as the server's line length allows (sets of at most 4,000 characters). Dovecot scans the
    /// whole Maildir after each move: 20,000 messages moved 50 at a time cost it 9.5 s of CPU, 1,000 at a time
    /// 1.5 s. UIDs no longer there are ignored by the server, so a move whose answer was lost with the
    /// connection runs again once. Fails with `uidValidityChanged` when the mailbox's UIDVALIDITY is not
    /// `uidValidity` (nothing is moved), `mailboxNotFound` when the destination does not exist.
    public func move(uids: [UInt32], to destination: String, uidValidity expected: UInt32? = nil)
        throws(TransportError)
    {
        let target = ServerURL.quoted(ModifiedUTF7.encode(destination))
        for set in UIDSet.chunks(uids) {
            do {
                try moveOnce(set, target, destination, expected: expected)
            } catch  where error.kind == .connectionLost {
                session = nil
                try moveOnce(set, target, destination, expected: expected)
            }
        }
    }

    private func moveOnce(_ set: String, _ target: String, _ destination: String, expected: UInt32?)
        throws(TransportError)
    {
        let current = try openSession()
        if let expected, let uidValidity, expected != uidValidity {
            close()
            throw TransportError.uidValidityChanged
        }
        let tag = try current.send(command: "UID MOVE \(set) \(target)")
        movesSent += 1
        let answer = try current.awaitCompletion(of: tag, timeoutMilliseconds: timeoutMilliseconds).tagged
        guard answer.status != .ok else { return }
        let missing = answer.code == "TRYCREATE" || answer.code == "NONEXISTENT"
        let kind: TransportError.Kind =
            missing ? .mailboxNotFound : answer.status == .bad ? .protocolError : .commandFailed
        throw TransportError(
            kind, transient: false,
            message: "IMAP UID MOVE to \"\(destination)\" on \(server) was refused. The server said: "
                + "\"\(answer.text)\".",
            serverResponse: answer.text)
    }

    /// Cuts the open connection as a failing network would (tests of reconnecting).
    func cutConnection() {
        session?.cutConnection()
    }

    /// How long one answer may take (`operationTimeout`).
    var timeoutMilliseconds: Int32 { Int32(clamping: configuration.operationTimeout.components.seconds * 1000) }

    /// Logs out and closes the connection.
    public func close() {
        if let session, let tag = try? session.send(command: "LOGOUT") {
            _ = try? session.awaitCompletion(of: tag, timeoutMilliseconds: 2000)
        }
        session = nil
    }

    private func fetchOnce(uids: [UInt32], maxSize: Int, expected: UInt32?) throws(TransportError)
        -> [UInt32: [UInt8]]
    {
        let current = try openSession()
        if let expected, let uidValidity, expected != uidValidity {
            // The mailbox selected may be gone (deleted and created again): the next call selects it afresh.
            close()
            throw TransportError.uidValidityChanged
        }
        // NOOP first: the server reports mail that arrived since the last command before the FETCH refers to it.
        let noop = try current.send(command: "NOOP")
        let tag = try current.send(command: "UID FETCH \(UIDSet.chunks(uids).joined(separator: ",")) (UID BODY.PEEK[])")
        var bodies: [UInt32: [UInt8]] = [:]
        while true {
            let response = try current.readResponse(timeoutMilliseconds: timeoutMilliseconds, literalLimit: maxSize)
            let first = response.text[0]
            if let tagged = IMAPResponse.tagged(Substring(first)) {
                if tagged.tag == noop { continue }
                guard tagged.tag == tag else { continue }
                guard tagged.status == .ok else {
                    throw TransportError(
                        .commandFailed, transient: true, message: "IMAP UID FETCH on \(server) failed: \(tagged.text)",
                        serverResponse: tagged.text)
                }
                return bodies
            }
            if first.uppercased().hasPrefix("* BYE") {
                session = nil
                throw TransportError(.connectionLost, transient: true, message: "IMAP on \(server): \(first)")
            }
            if let (uid, body) = Self.fetchedBody(response), let body { bodies[uid] = body }
        }
    }

    /// The UID and body of one `* n FETCH (...)` response whose body came as a literal.
    ///
    /// Read on the bytes of its text when that is ASCII, as a server's is: a fetch gives one such response per
    /// message, and the character reader took 56 K instructions each. ``fetchedBodyByCharacter(_:)`` defines the
    /// result, and reads any text that is not ASCII or has a signed number after `UID`.
    static func fetchedBody(_ response: (text: [String], literals: [[UInt8]?])) -> (UInt32, [UInt8]?)? {
        guard !response.text.isEmpty else { return nil }
        var bytes: [UInt8] = []
        for (index, line) in response.text.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: " ")) }
            bytes.append(contentsOf: line.utf8)
        }
        let headCount = response.text[0].utf8.count
        if bytes.contains(where: { $0 >= 0x80 }) { return fetchedBodyByCharacter(response) }
        return bytes.withUnsafeBufferPointer { all -> (UInt32, [UInt8]?)?? in
            let head = UnsafeBufferPointer(rebasing: all[..<headCount])
            guard ASCIIBytes.hasPrefix(head, "* "), ASCIIBytes.contains(head, " FETCH ("),
                ASCIIBytes.contains(head, "BODY[] {"), response.literals.count == 1
            else { return .some(nil) }
            // `split(whereSeparator: " ()".contains)`, to the first word that is `UID`, and the one after it.
            var words: [Range<Int>] = []
            var start = 0
            for index in 0...all.count {
                let separator = index == all.count || all[index] == 0x20 || all[index] == 0x28 || all[index] == 0x29
                guard separator else { continue }
                if index > start { words.append(start..<index) }
                start = index + 1
                if words.count >= 2, ASCIIBytes.equalsUppercased(all, words[words.count - 2], "UID") { break }
            }
            guard let at = words.firstIndex(where: { ASCIIBytes.equalsUppercased(all, $0, "UID") }),
                at + 1 < words.count
            else { return .some(nil) }
            switch ASCIIBytes.decimal(all, words[at + 1], max: UInt64(UInt32.max)) {
            case .value(let uid): return .some((UInt32(uid), response.literals[0]))
            case .none: return .some(nil)
            case .unsure: return nil
            }
        } ?? fetchedBodyByCharacter(response)
    }

    /// ``fetchedBody(_:)`` read as characters.
    static func fetchedBodyByCharacter(_ response: (text: [String], literals: [[UInt8]?])) -> (UInt32, [UInt8]?)? {
        let head = response.text[0].uppercased()
        guard head.hasPrefix("* "), head.contains(" FETCH ("), head.contains("BODY[] {"), response.literals.count == 1
        else { return nil }
        // The UID may come before or after the body: look in all the text outside the literal.
        let words = response.text.joined(separator: " ").uppercased().split(whereSeparator: { " ()".contains($0) })
        guard let at = words.firstIndex(of: "UID"), at + 1 < words.count, let uid = UInt32(words[at + 1]) else {
            return nil
        }
        return (uid, response.literals[0])
    }

    /// Connects, logs in and selects the mailbox (read-write, for the moves), remembering its UIDVALIDITY.
    func openSession() throws(TransportError) -> RawIMAPSession {
        if let session { return session }
        if let preparationError {
            self.preparationError = nil
            throw preparationError
        }
        let fresh = try RawIMAPSession(configuration: configuration, server: server, purpose: "bulk session login")
        sessionsOpened += 1
        let name = ServerURL.quoted(ModifiedUTF7.encode(mailbox))
        let selected = try fresh.awaitCompletion(of: fresh.send(command: "SELECT \(name)"))
        guard selected.tagged.status == .ok else {
            throw TransportError(
                .mailboxNotFound, transient: false,
                message: "IMAP: \"\(mailbox)\" cannot be selected on \(server): \(selected.tagged.text)",
                serverResponse: selected.tagged.text)
        }
        uidValidity = selected.untagged.lazy.compactMap(Self.uidValidity).first
        let asked = try fresh.awaitCompletion(of: fresh.send(command: "CAPABILITY"))
        capabilitySet = IMAPResponse.capabilities(asked.untagged.joined(separator: "\r\n"))
        session = fresh
        return fresh
    }

    /// `n` of an untagged `* OK [UIDVALIDITY n] ...`.
    static func uidValidity(_ line: String) -> UInt32? {
        guard let range = line.range(of: "[UIDVALIDITY ", options: .caseInsensitive) else { return nil }
        return UInt32(line[range.upperBound...].prefix { $0.isNumber })
    }
}
