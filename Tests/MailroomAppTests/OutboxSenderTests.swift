import Foundation
import Logging
import MailroomCore
import Synchronization
import Testing

@testable import MailroomApp
@testable import MailroomStore

/// The sender uses as many connections as the mail sender offers (`smtp.connections`), and still sends each
/// message exactly once.
@Suite struct OutboxSenderTests {
    /// A mail sender that takes a while per message and remembers how many sends overlapped.
    final class SlowSender: MailSender {
        let parallelism: Int
        let state = Mutex((running: 0, most: 0, sent: [Int64]()))
        init(parallelism: Int) { self.parallelism = parallelism }

        func send(_ mail: OutgoingMail) async -> Delivery {
            state.withLock {
                $0.running += 1
                $0.most = max($0.most, $0.running)
            }
            try? await Task.sleep(for: .milliseconds(20))
            state.withLock {
                $0.running -= 1
                $0.sent.append(mail.outboxID)
            }
            return .sent
        }
    }

    static func queue(_ count: Int, in store: SQLiteStore) throws {
        for index in 0..<count {
            let raw = Array(
                "From: a\(index)@example.com\r\nSubject: s\r\nMessage-ID: <q\(index)@example.com>\r\n\r\nx\r\n".utf8)
            _ = try store.ingest(IngestRequest(raw: raw, source: "test", receivedAt: Date()))
        }
        let rows = try store.receivedMessages(limit: count)
        _ = try store.process(
            rowIDs: rows, now: Date(),
            { message, _ in
                let draft = OutboxDraft(
                    purpose: .autoReply, envelopeFrom: "support@shop.example",
                    recipients: ["c\(message.rowID)@example.com"], messageID: "out-\(message.rowID)@shop.example",
                    subject: "Re", raw: Array("reply".utf8))
                return ProcessingOutcome(disposition: .processed(summary: .autoReplied), outbox: [draft])
            }, fallback: { _, error in throw error })
    }

    /// A store in a folder of its own with `count` replies queued, and the outbox sender for it.
    struct QueuedStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
        let store: SQLiteStore

        init(_ count: Int) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteStore(path: directory.appendingPathComponent("db.sqlite").path)
            try OutboxSenderTests.queue(count, in: store)
        }

        func sender(_ mailSender: any MailSender, settings: OutboxSettings) -> OutboxSender {
            OutboxSender(
                store: store, sender: mailSender, settings: settings, shadow: false, bell: Doorbell(),
                now: { Date() }, logger: Logger(label: "outbox-test"), metrics: GatewayMetrics())
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test(arguments: [1, 3])
    func sendsOnEveryConnectionAndEachMessageOnce(connections: Int) async throws {
        let queued = try QueuedStore(12)
        defer { queued.remove() }
        let store = queued.store
        let mailSender = SlowSender(parallelism: connections)
        let sender = queued.sender(mailSender, settings: OutboxSettings())
        let attempts = try await sender.sendDue()
        #expect(attempts == 12)
        let state = mailSender.state.withLock { $0 }
        #expect(state.sent.count == 12 && Set(state.sent).count == 12, "each message sent once")
        #expect(state.most == connections, "as many sends at once as connections")
        #expect(try store.outboxSummaries(limit: 100).allSatisfy { $0.state == .sent })
        #expect(try await sender.sendDue() == 0)
    }

    /// A mail sender that looks at the store as each send starts: how many messages are `sending`, how many `sent`.
    final class WatchingSender: MailSender {
        let parallelism = 1
        let store: SQLiteStore
        let state = Mutex((sending: [Int](), sent: [Int]()))
        init(store: SQLiteStore) { self.store = store }

        func send(_ mail: OutgoingMail) async -> Delivery {
            let sending = (try? store.outboxCount(states: [.sending])) ?? -1
            let sent = (try? store.outboxCount(states: [.sent])) ?? -1
            state.withLock {
                $0.sending.append(sending)
                $0.sent.append(sent)
            }
            return .sent
        }
    }

    @Test func aConnectionClaimsABatchAndRecordsItInOneCommit() async throws {
        let queued = try QueuedStore(6)
        defer { queued.remove() }
        let store = queued.store
        let mailSender = WatchingSender(store: store)
        let sender = queued.sender(mailSender, settings: OutboxSettings(claimBatch: 4))
        #expect(try await sender.sendDue() == 6)
        let state = mailSender.state.withLock { $0 }
        // Four claimed at once; their results committed together with the claim of the two left.
        #expect(state.sending == [4, 4, 4, 4, 2, 2])
        #expect(state.sent == [0, 0, 0, 0, 4, 4])
        #expect(try store.outboxSummaries(limit: 100).allSatisfy { $0.state == .sent })
    }

    @Test func aClaimBatchOfOneKeepsOneMessageSendingPerConnection() async throws {
        let queued = try QueuedStore(3)
        defer { queued.remove() }
        let store = queued.store
        let mailSender = WatchingSender(store: store)
        let sender = queued.sender(mailSender, settings: OutboxSettings(claimBatch: 1))
        #expect(try await sender.sendDue() == 3)
        let state = mailSender.state.withLock { $0 }
        #expect(state.sending == [1, 1, 1])
        #expect(state.sent == [0, 1, 2])
    }
}
