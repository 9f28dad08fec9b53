import Foundation
import Logging
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
            let uid = item.uid!
            return .message(
                Array(
                    """
                    From: Customer \(uid) <c\(uid)@example.com>\r
                    To: support@shop.example\r
                    Subject: order \(uid)\r
                    Message-ID: <poll\(uid)@example.com>\r
                    \r
                    Where is my order \(uid)?\r

                    """.utf8))
        }

        func acknowledge(_ items: [SourceItem]) async throws {
            let stored = try store.messageCounts().values.reduce(0, +)
            acknowledged.withLock { $0.append((items.compactMap(\.uid), stored)) }
        }

        func waitForNewMail(timeout: Duration) async throws -> Bool { false }
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
