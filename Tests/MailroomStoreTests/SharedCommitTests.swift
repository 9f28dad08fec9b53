import Dispatch
import Foundation
import GRDB
import MailroomCore
import Synchronization
import Testing

@testable import MailroomStore

/// Processing and the sender's results share a commit when they wait for the writer together; each write keeps
/// its own outcome.
@Suite struct SharedCommitTests {
    /// Three writes arrive while the writer is busy: the first leads alone (it was first to wait), the other two
    /// share the next commit. Before, each was a transaction and a commit of its own (3).
    @Test func processingAndTheSendersResultsThatWaitTogetherShareOneCommit() throws {
        let database = try TemporaryDatabase()
        let store = database.store
        let item = try Self.claimedReply(store, ticket: "MR-SHARE1", waiting: 2)
        let commits = CommitCounter(store)

        let results = try WriterHeld(store).whileHeld(
            first: { try Self.process(store, rowID: 2, "MR-SHARE2") },
            then: [
                { _ = try store.recordDeliveryAndClaimNext(outboxID: item.id, .sent, now: t0) },
                { try Self.process(store, rowID: 3, "MR-SHARE3") },
            ])

        #expect(results.allSatisfy { $0 == nil })
        #expect(commits.count == 2)
        #expect(store.sharedCommit.groupCount == 2)
        #expect(try store.ticket(publicID: "MR-SHARE1")?.firstResponseAt == t0)
        #expect(try store.ticket(publicID: "MR-SHARE2") != nil)
        #expect(try store.ticket(publicID: "MR-SHARE3") != nil)
        #expect(try store.receivedMessages(limit: 10).isEmpty)
    }

    /// A write that throws in a shared group gets its own error and writes nothing; the others commit.
    @Test func aFailingWriteIsRolledBackAloneAndTheOthersCommit() throws {
        struct Boom: Error, Equatable {}
        let database = try TemporaryDatabase()
        let store = database.store
        let insert = try Self.namesTable(store)
        let commits = CommitCounter(store)

        let results = try WriterHeld(store).whileHeld(
            first: { try insert("first") },
            then: [
                {
                    _ = try store.sharedCommit.write { db in
                        try db.execute(sql: "INSERT INTO shared (name) VALUES ('thrown')")
                        throw Boom()
                    }
                },
                { try insert("after") },
            ])

        #expect(results[0] == nil)
        #expect(results[1] as? Boom == Boom())
        #expect(results[2] == nil)
        #expect(commits.count == 2)
        let names = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM shared ORDER BY rowid") }
        #expect(names == ["first", "after"])
    }

    /// When a write of a group fails after SQLite has already ended the transaction, the group is rolled back and
    /// each write runs again alone: the failing one fails, the others commit, and nothing runs outside a
    /// transaction.
    @Test func aWriteThatEndsTheTransactionFailsAloneAndTheOthersRunAgain() throws {
        let database = try TemporaryDatabase()
        let store = database.store
        let insert = try Self.namesTable(store)

        let results = try WriterHeld(store).whileHeld(
            first: { try insert("alone") },
            then: [
                { try insert("before") },
                {
                    _ = try store.sharedCommit.write { db in
                        try db.execute(sql: "INSERT INTO shared (name) VALUES ('ended')")
                        try db.execute(sql: "ROLLBACK")
                        throw DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error")
                    }
                },
                { try insert("after") },
            ])

        #expect(results[0] == nil)
        #expect(results[1] == nil)
        #expect((results[2] as? DatabaseError)?.resultCode == .SQLITE_IOERR)
        #expect(results[3] == nil)
        let names = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM shared ORDER BY rowid") }
        #expect(names == ["alone", "before", "after"])
    }

    /// A group opens no savepoint: in a transaction that wrote to the search index (FTS5), each savepoint made
    /// the index write its pending entries out (callgrind, 1,000 mails: 97 M instructions in 5,598 savepoint
    /// calls into the index, 1.2% of the run). The group's writes still commit once, together.
    @Test func aGroupOpensNoSavepoint() throws {
        let database = try TemporaryDatabase()
        let store = database.store
        let item = try Self.claimedReply(store, ticket: "MR-GROUP1", waiting: 3)
        let commits = CommitCounter(store)

        let results = try WriterHeld(store).whileHeld(
            first: { try Self.process(store, rowID: 2, "MR-GROUP2", search: "alpha") },
            then: [
                { try Self.process(store, rowID: 3, "MR-GROUP3", search: "beta") },
                { _ = try store.recordDeliveryAndClaimNext(outboxID: item.id, .sent, now: t0) },
                { try Self.process(store, rowID: 4, "MR-GROUP4", search: "gamma") },
            ])

        #expect(results.allSatisfy { $0 == nil })
        #expect(commits.count == 2)
        #expect(commits.savepoints == 0)
        #expect(try store.tickets(TicketQuery(words: ["gamma"])).tickets.map(\.1.publicID) == ["MR-GROUP4"])
        #expect(try store.ticket(publicID: "MR-GROUP1")?.firstResponseAt == t0)
    }

    /// Many threads writing at once, some writes failing: every write that returns is committed exactly once, with
    /// its own output; every write that throws wrote nothing; nobody waits forever.
    @Test func manyWritersEachGetTheirOwnOutcome() throws {
        struct Refused: Error {}
        let database = try TemporaryDatabase()
        let store = database.store
        try store.pool.write { db in
            try db.execute(sql: "CREATE TABLE shared (writer INTEGER NOT NULL, n INTEGER NOT NULL, UNIQUE (writer, n))")
        }
        let outcomes = Mutex<[String: Bool]>([:])
        let done = DispatchGroup()
        for writer in 0..<8 {
            done.enter()
            Thread {
                defer { done.leave() }
                for n in 0..<150 {
                    let refused = (writer * 7 + n) % 13 == 0
                    do {
                        let id = try store.sharedCommit.write { db -> Int64 in
                            try db.execute(sql: "INSERT INTO shared (writer, n) VALUES (?, ?)", arguments: [writer, n])
                            if refused { throw Refused() }
                            return db.lastInsertedRowID
                        }
                        let row = try store.pool.read { db in
                            try Row.fetchOne(db, sql: "SELECT writer, n FROM shared WHERE rowid = ?", arguments: [id])
                        }
                        let own = row.map { ($0["writer"] as Int) == writer && ($0["n"] as Int) == n } ?? false
                        outcomes.withLock { $0["\(writer)-\(n)"] = own }
                    } catch is Refused {
                        outcomes.withLock { $0["\(writer)-\(n)"] = false }
                    } catch {
                        Issue.record("write \(writer)-\(n): \(error)")
                    }
                }
            }.start()
        }
        #expect(done.wait(timeout: .now() + 60) == .success)
        let stored = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT writer, n FROM shared").map { "\($0["writer"] as Int)-\($0["n"] as Int)" }
        }
        let expected = (0..<8).flatMap { writer in
            (0..<150).filter { (writer * 7 + $0) % 13 != 0 }.map { "\(writer)-\($0)" }
        }
        #expect(Set(stored) == Set(expected))
        #expect(stored.count == expected.count)
        let results = outcomes.withLock { $0 }
        #expect(results.count == 8 * 150)
        #expect(results.filter(\.value).count == expected.count)
        #expect(store.sharedCommit.groupCount < 8 * 150)
    }

    /// A table of names, and a write through the shared commit that adds one.
    static func namesTable(_ store: SQLiteStore) throws -> @Sendable (String) throws -> Void {
        try store.pool.write { db in try db.execute(sql: "CREATE TABLE shared (name TEXT NOT NULL)") }
        return { name in
            _ = try store.sharedCommit.write { db in
                try db.execute(sql: "INSERT INTO shared (name) VALUES (?)", arguments: [name])
            }
        }
    }

    /// A reply queued for ticket `ticket` (message row 1) and claimed, and `waiting` more messages stored (rows 2...).
    static func claimedReply(_ store: SQLiteStore, ticket: String, waiting: Int) throws -> OutboxItem {
        _ = try store.ingest(IngestRequest(raw: mail("\(ticket)-1"), source: "test", receivedAt: t0))
        _ = try store.process(rowID: 1, now: t0) { _, _ in outcome(ticket, queueing: true) }
        let item = try #require(try store.claimDueOutbox(now: t0, limit: 1).first)
        for index in 0..<waiting {
            _ = try store.ingest(IngestRequest(raw: mail("\(ticket)-\(index + 2)"), source: "test", receivedAt: t0))
        }
        return item
    }

    /// Processes `rowID` as the processor does (a batch, here of one).
    static func process(_ store: SQLiteStore, rowID: Int64, _ id: String, search: String? = nil) throws {
        var outcome = outcome(id)
        if let search { outcome.searchText = search }
        let results = try store.process(
            rowIDs: [rowID], now: t0, { [outcome] _, _ in outcome }, fallback: { _, error in throw error })
        #expect(results.count == 1)
    }

    static func outcome(_ id: String, queueing: Bool = false) -> ProcessingOutcome {
        let ticket = Ticket(
            publicID: id, customerEmail: "\(id.lowercased())@example.com", customerName: nil, subject: "s",
            status: .autoReplied, receivedAt: t0)
        let draft = OutboxDraft(
            purpose: .autoReply, envelopeFrom: "support@shop.example", recipients: [ticket.customerEmail],
            messageID: "\(id)@shop.example", subject: "Re: s", raw: Array("x".utf8))
        return ProcessingOutcome(
            disposition: .processed(summary: .autoReplied), ticket: ticket, ticketIsNew: true,
            outbox: queueing ? [draft] : [])
    }
}

/// Holds the store's writer on another thread, so that writes line up behind it in a known order.
private struct WriterHeld {
    let store: SQLiteStore

    init(_ store: SQLiteStore) { self.store = store }

    /// Starts `first` and waits until it leads a group of its own (waiting for the writer), then starts `then`
    /// one by one and waits until all of them wait; then lets the writer go. Returns each write's error, in order.
    func whileHeld(first: @escaping @Sendable () throws -> Void, then: [@Sendable () throws -> Void])
        throws -> [(any Error)?]
    {
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holder = DispatchGroup()
        // Threads of their own: the blocked writes would take all of the small global dispatch pool.
        Self.start(holder) { [store] in
            try? store.pool.writeWithoutTransaction { _ in
                held.signal()
                release.wait()
            }
        }
        held.wait()
        let errors = Mutex<[Int: any Error]>([:])
        let writers = DispatchGroup()
        let finish = {
            release.signal()
            holder.wait()
            writers.wait()
        }
        do {
            for (index, body) in ([first] + then).enumerated() {
                Self.start(writers) {
                    do { try body() } catch { errors.withLock { $0[index] = error } }
                }
                // The first leads a group of one; each of the others waits for the next group.
                try waitUntil {
                    store.sharedCommit.startedGroupCount == 1 && store.sharedCommit.waitingCount == index
                }
            }
        } catch {
            finish()
            throw error
        }
        finish()
        return errors.withLock { errors in (0...then.count).map { errors[$0] } }
    }

    private static func start(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        Thread {
            body()
            group.leave()
        }.start()
    }

    private func waitUntil(_ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            guard Date() < deadline else { throw WaitTimeout() }
            usleep(1000)
        }
    }

    struct WaitTimeout: Error {}
}

/// Counts the commits (and savepoints) of the store's writer, from its trace.
private final class CommitCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var commits = 0
    private var savepointCount = 0

    init(_ store: SQLiteStore) {
        try? store.pool.writeWithoutTransaction { db in
            db.trace { [self] event in
                guard case .statement(let statement) = event else { return }
                if statement.sql.hasPrefix("COMMIT") { lock.withLock { commits += 1 } }
                if statement.sql.hasPrefix("SAVEPOINT") { lock.withLock { savepointCount += 1 } }
            }
        }
    }

    var count: Int { lock.withLock { commits } }

    var savepoints: Int { lock.withLock { savepointCount } }
}
