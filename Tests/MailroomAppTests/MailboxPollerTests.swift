import Foundation
import Logging
import MailTransport
import MailroomCore
import MailroomStore
import Synchronization
import Testing

@testable import MailroomApp

/// The poller commits one batch while it fetches the next: every message must still be stored once, the checkpoint
/// must only move forward, and a message is moved out of the way only after its batch committed.
@Suite struct MailboxPollerTests {
    /// An IMAP-like source in memory: UIDs 1...count, sizes from the listing, acknowledgements recorded with how many
    /// messages the store held at that moment.
    final class MemorySource: MailSource {
        let identity = "memory://test/INBOX"
        let count: Int
        let store: SQLiteStore
        let acknowledged = Mutex<[(uids: [UInt32], storedThen: Int)]>([])
        let fetches = Mutex(0)
        /// How many moves fail (the first ones) before the source moves again.
        let failingMoves = Mutex(0)

        init(count: Int, store: SQLiteStore) {
            self.count = count
            self.store = store
        }

        func pending(after checkpoint: Checkpoint?, limit: Int) async throws -> SourceSnapshot {
            let done = Set(acknowledged.withLock { $0.flatMap(\.uids) })
            let after = checkpoint?.lastUID ?? 0
            let uids = (1...UInt32(count)).filter { $0 > after && !done.contains($0) }.prefix(limit)
            return SourceSnapshot(
                uidValidity: 7, items: uids.map { SourceItem(key: String($0), uid: $0, size: 600) })
        }

        func fetch(_ item: SourceItem, maxSize: Int) async throws -> FetchResult {
            fetches.withLock { $0 += 1 }
            return .message(MailboxPollerTests.customerMail(Int(item.uid!), id: "poll"))
        }

        func acknowledge(_ items: [SourceItem]) async throws {
            if failingMoves.withLock({ failing in
                defer { failing = max(0, failing - 1) }
                return failing > 0
            }) {
                throw TestMoveError()
            }
            let stored = try store.messageCounts().values.reduce(0, +)
            acknowledged.withLock { $0.append((items.compactMap(\.uid), stored)) }
        }

        func waitForNewMail(timeout: Duration) async throws -> Bool { false }
    }

    struct TestMoveError: Error {}

    /// Customer `number`'s mail, with the Message-ID `<IDnumber@example.com>`.
    static func customerMail(_ number: Int, id: String) -> [UInt8] {
        Array(
            """
            From: Customer \(number) <c\(number)@example.com>\r
            To: support@shop.example\r
            Subject: order \(number)\r
            Message-ID: <\(id)\(number)@example.com>\r
            \r
            Where is my order \(number)?\r

            """.utf8)
    }

    private func poller(for source: MemorySource, store: SQLiteStore) -> MailboxPoller {
        MailboxPoller(
            source: source, store: store, maxMessageBytes: 1 << 20, pollInterval: .seconds(1),
            processorBell: Doorbell(), now: { Date() }, logger: Logger(label: "test"), metrics: GatewayMetrics())
    }

    private func temporaryStore() throws -> (SQLiteStore, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("poller-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (try SQLiteStore(path: directory.path + "/mailroom.sqlite"), directory)
    }

    /// A move costs the server in proportion to the whole mailbox (dovecot: 84 ms per 200 with 2,000 waiting,
    /// 248 ms with 20,000), so a backlog is moved a thousand at a time, each after it was committed.
    @Test func aBacklogIsMovedAThousandAtATime() async throws {
        let (store, directory) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = MemorySource(count: 2300, store: store)
        #expect(try await poller(for: source, store: store).pollOnce() == 2300)
        let acknowledged = source.acknowledged.withLock { $0 }
        #expect(acknowledged.map(\.uids.count) == [1000, 1000, 300])
        #expect(acknowledged.flatMap(\.uids) == Array(1...2300))
        for batch in acknowledged { #expect(batch.storedThen >= Int(batch.uids.max()!)) }
    }

    /// A failed move leaves a thousand committed messages in the mailbox, below the checkpoint: the next poll
    /// moves all of them (five listings of 200), without storing any twice, then takes the rest.
    @Test func everyLeftoverOfAFailedMoveIsMovedByTheNextPoll() async throws {
        let (store, directory) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = MemorySource(count: 1200, store: store)
        source.failingMoves.withLock { $0 = 1 }
        let poller = poller(for: source, store: store)
        await #expect(throws: TestMoveError.self) { try await poller.pollOnce() }
        #expect(try store.checkpoint(for: source.identity)?.lastUID == 1000)
        #expect(source.acknowledged.withLock { $0 }.isEmpty)
        #expect(try await poller.pollOnce() == 200)
        let acknowledged = source.acknowledged.withLock { $0 }
        #expect(acknowledged.map(\.uids.count) == [200, 200, 200, 200, 200, 200])
        #expect(acknowledged.flatMap(\.uids).sorted() == Array(1...1200))
        #expect(try store.messageCounts().values.reduce(0, +) == 1200)
    }

    /// A Maildir has no checkpoint: its listing is whatever is still in new/, so what is committed must be moved
    /// before the next listing, or the next batch lists the same files again (and a move renames one twice).
    @Test func aMaildirBacklogIsTakenOnceAndMovedBeforeTheNextListing() async throws {
        let (store, directory) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let maildir = directory.path + "/Maildir"
        let sink = try MaildirSink(directory: maildir)
        for number in 1...450 {
            _ = try sink.deliver(Self.customerMail(number, id: "maildir"))
        }
        let source = try MaildirMailSource(path: maildir)
        let poller = MailboxPoller(
            source: source, store: store, maxMessageBytes: 1 << 20, pollInterval: .seconds(1),
            processorBell: Doorbell(), now: { Date() }, logger: Logger(label: "test"), metrics: GatewayMetrics())
        #expect(try await poller.pollOnce() == 450)
        #expect(try store.messageCounts().values.reduce(0, +) == 450)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/new").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/cur").count == 450)
        #expect(try await poller.pollOnce() == 0)
    }

    @Test func batchesCommitInOrderAndNothingIsMovedBeforeItIsStored() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("poller-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory.path + "/mailroom.sqlite")
        // 230 messages: a listing of 200 (four batches of 50), then one of 30.
        let source = MemorySource(count: 230, store: store)
        let poller = MailboxPoller(
            source: source, store: store, maxMessageBytes: 1 << 20, pollInterval: .seconds(1),
            processorBell: Doorbell(), now: { Date() }, logger: Logger(label: "test"), metrics: GatewayMetrics())
        #expect(try await poller.pollOnce() == 230)
        #expect(try store.messageCounts().values.reduce(0, +) == 230)
        #expect(try store.checkpoint(for: source.identity)?.lastUID == 230)
        let acknowledged = source.acknowledged.withLock { $0 }
        #expect(acknowledged.flatMap(\.uids) == Array(1...230))
        for batch in acknowledged { #expect(batch.storedThen >= Int(batch.uids.max()!)) }
        #expect(source.fetches.withLock { $0 } == 230)
        // Nothing new: nothing fetched or stored again.
        #expect(try await poller.pollOnce() == 0)
        #expect(source.fetches.withLock { $0 } == 230)
    }
}
