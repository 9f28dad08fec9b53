import Foundation
import LiveServerSupport
import Testing

@testable import MailTransport

extension LiveTests {
    @Suite struct IMAPBulkSessionLive {
        @Test func aBatchIsByteExactAcrossManyReadsAndChangesNoFlag() async throws {
            let folder = try await LiveServers.newFolder("Bulk")
            // 120 messages from 300 bytes to 60 KiB: the responses span many reads of the receive buffer, and
            // the bodies hold lines that look like IMAP literals and tagged answers.
            let messages = (1...120).map { index in
                var message = TestMessage.make(size: 300 + (index * 7919) % 60_000, id: "bulk\(index)")
                message += Array("m9 OK done {5}\r\n* 3 FETCH (UID 99 BODY[] {2}\r\n)\r\n".utf8)
                return message
            }
            try LiveServers.seed(messages, into: folder)
            let fetcher = try IMAPBulkSession(configuration: LiveServers.imap(), mailbox: folder)
            let client = try IMAPClient(configuration: LiveServers.imap(), mailbox: folder)
            let validity = try await client.status().uidValidity
            var fetched: [UInt32: [UInt8]] = [:]
            for batch in stride(from: 1, through: 120, by: 50) {
                let uids = (UInt32(batch)...UInt32(min(batch + 49, 120))).map { $0 }
                fetched.merge(try await fetcher.fetch(uids: uids, maxSize: 1 << 20, uidValidity: validity)) { $1 }
            }
            #expect(fetched.count == 120)
            for (index, message) in messages.enumerated() {
                #expect(fetched[UInt32(index + 1)] == message, "UID \(index + 1) differs")
            }
            #expect(await fetcher.sessionsOpened == 1)
            // BODY.PEEK: nothing became \Seen.
            #expect(try await client.flags(uid: 1)?.contains(.seen) == false)
            #expect(try await client.flags(uid: 120)?.contains(.seen) == false)
            await fetcher.close()
        }

        /// A gateway logs in while it opens its store: the first call then finds the connection open.
        @Test func aPreparedSessionIsTheOneTheFirstCallUses() async throws {
            let folder = try await LiveServers.newFolder("BulkPrepared")
            let message = TestMessage.make(size: 1200, id: "prepared1")
            try LiveServers.seed([message], into: folder)
            let session = try IMAPBulkSession(configuration: LiveServers.imap(), mailbox: folder)
            await session.prepare()
            #expect(await session.sessionsOpened == 1)
            await session.prepare()
            #expect(try await session.fetch(uids: [1], maxSize: 100_000) == [1: message])
            #expect(await session.sessionsOpened == 1)
            await session.close()
        }

        /// What went wrong while preparing is thrown by the first call that needs the connection (a wrong password
        /// is not tried twice in a row), and only by that call: the one after connects afresh.
        @Test func aFailedPreparationIsThrownOnceByTheFirstCall() async throws {
            let folder = "BulkNotYet-\(UInt32.random(in: 0...UInt32.max))"
            let session = try IMAPBulkSession(configuration: LiveServers.imap(), mailbox: folder)
            await session.prepare()
            #expect(await session.sessionsOpened == 1)
            // The folder exists by the time of the first call, but the preparation found none: that is reported.
            let admin = try IMAPClient(configuration: LiveServers.imap())
            _ = try await admin.createMailbox(folder)
            let message = TestMessage.make(size: 900, id: "notyet1")
            try LiveServers.seed([message], into: folder)
            await #expect(throws: TransportError.mailboxNotFound) {
                try await session.fetch(uids: [1], maxSize: 100_000)
            }
            #expect(try await session.fetch(uids: [1], maxSize: 100_000) == [1: message])
            #expect(await session.sessionsOpened == 2)
            await session.close()
            try await admin.deleteMailbox(folder)
            await admin.close()
        }

        @Test func missingOversizedAndAnotherUIDValidity() async throws {
            let folder = try await LiveServers.newFolder("BulkEdge")
            let messages = [
                TestMessage.make(size: 2000, id: "be1"), TestMessage.make(size: 300_000, id: "be2"),
                TestMessage.make(size: 3000, id: "be3"),
            ]
            try LiveServers.seed(messages, into: folder)
            let fetcher = try IMAPBulkSession(configuration: LiveServers.imap(), mailbox: folder)
            let validity = try await IMAPClient(configuration: LiveServers.imap(), mailbox: folder).status().uidValidity
            // UID 2 is over the limit (read and dropped), UID 9 does not exist: both missing from the result.
            let fetched = try await fetcher.fetch(uids: [1, 2, 3, 9], maxSize: 100_000, uidValidity: validity)
            #expect(fetched == [1: messages[0], 3: messages[2]])
            // The connection is still in step after the dropped literal.
            #expect(try await fetcher.fetch(uids: [3], maxSize: 100_000) == [3: messages[2]])
            await #expect(throws: TransportError.uidValidityChanged) {
                try await fetcher.fetch(uids: [1], maxSize: 100_000, uidValidity: validity &+ 1)
            }
            // After a mismatch the mailbox is selected afresh: its UIDVALIDITY is read again.
            #expect(try await fetcher.fetch(uids: [1], maxSize: 100_000, uidValidity: validity) == [1: messages[0]])
            #expect(await fetcher.sessionsOpened == 2)
            await fetcher.close()
        }

        @Test func aMailboxCreatedAgainIsSelectedAfresh() async throws {
            let folder = try await LiveServers.newFolder("BulkAgain")
            let first = TestMessage.make(size: 1500, id: "again1")
            try LiveServers.seed([first], into: folder)
            let client = try IMAPClient(configuration: LiveServers.imap(), mailbox: folder)
            let fetcher = try IMAPBulkSession(configuration: LiveServers.imap(), mailbox: folder)
            let old = try await client.status().uidValidity
            #expect(try await fetcher.fetch(uids: [1], maxSize: 100_000, uidValidity: old) == [1: first])
            // Someone deletes the folder and creates it again with other mail under the same UIDs.
            try await client.deleteMailbox(folder)
            _ = try await client.createMailbox(folder)
            let second = TestMessage.make(size: 1700, id: "again2")
            try LiveServers.seed([second], into: folder)
            let fresh = try await client.status(of: folder).uidValidity
            #expect(fresh != old)
            // The session still knows the old UIDVALIDITY: refused once, then selected afresh.
            await #expect(throws: TransportError.uidValidityChanged) {
                try await fetcher.fetch(uids: [1], maxSize: 100_000, uidValidity: fresh)
            }
            #expect(try await fetcher.fetch(uids: [1], maxSize: 100_000, uidValidity: fresh) == [1: second])
            #expect(await fetcher.sessionsOpened == 2)
            await fetcher.close()
        }

        /// A backlog's batch moves in one command: dovecot scans the whole Maildir after each move, and libcurl
        /// cannot read the answer to a move of more than about 50 (its 300 KiB cap on untagged lines).
        @Test func aThousandMessagesMoveInOneCommand() async throws {
            let folder = try await LiveServers.newFolder("BulkMove")
            let done = try await LiveServers.newFolder("BulkMoved")
            try LiveServers.seed((1...1200).map { TestMessage.make(size: 300, id: "mv\($0)") }, into: folder)
            let client = try IMAPClient(configuration: LiveServers.imap(), mailbox: folder)
            let validity = try await client.status().uidValidity
            let session = try IMAPBulkSession(configuration: LiveServers.imap(), mailbox: folder)
            // Every other UID of the first 1,000, then the rest and one that does not exist (ignored).
            let odd = stride(from: UInt32(1), through: 1000, by: 2).map { $0 }
            try await session.move(uids: odd, to: done, uidValidity: validity)
            #expect(await session.movesSent == 1)
            #expect(try await client.status(of: done).messages == 500)
            let rest = (UInt32(1)...1200).filter { $0 % 2 == 0 || $0 > 1000 } + [5000]
            try await session.move(uids: rest, to: done, uidValidity: validity)
            #expect(await session.movesSent == 2)
            #expect(try await client.status(of: done).messages == 1200)
            #expect(try await client.status().messages == 0)
            #expect(await session.sessionsOpened == 1)
            await session.close()
        }

        @Test func aRefusedMoveMovesNothing() async throws {
            let folder = try await LiveServers.newFolder("BulkRefused")
            try LiveServers.seed([TestMessage.make(size: 800, id: "rf1")], into: folder)
            let client = try IMAPClient(configuration: LiveServers.imap(), mailbox: folder)
            let validity = try await client.status().uidValidity
            let session = try IMAPBulkSession(configuration: LiveServers.imap(), mailbox: folder)
            await #expect(throws: TransportError.mailboxNotFound) {
                try await session.move(uids: [1], to: "NoSuchFolder-\(UUID())", uidValidity: validity)
            }
            // UIDs of another UIDVALIDITY name other messages: not moved.
            let done = try await LiveServers.newFolder("BulkRefusedDone")
            await #expect(throws: TransportError.uidValidityChanged) {
                try await session.move(uids: [1], to: done, uidValidity: validity &+ 1)
            }
            #expect(try await client.status().messages == 1)
            #expect(try await client.status(of: done).messages == 0)
            // The session is still usable.
            try await session.move(uids: [1], to: done, uidValidity: validity)
            #expect(try await client.status(of: done).messages == 1)
            await session.close()
        }

        @Test func listingFromACheckpointWithSizes() async throws {
            let folder = try await LiveServers.newFolder("BulkList")
            let messages = (1...5).map { TestMessage.make(size: 500 + $0 * 100, id: "ls\($0)") }
            try LiveServers.seed(messages, into: folder)
            let session = try IMAPBulkSession(configuration: LiveServers.imap(), mailbox: folder)
            let first = try await session.list(after: nil, limit: 3)
            #expect(first.uids == [1, 2, 3])
            #expect(first.sizes == [1: 600, 2: 700, 3: 800])
            #expect(try await session.list(after: (first.uidValidity, 3), limit: 10).uids == [4, 5])
            // "n:*" matches the highest UID even when it is below n: not listed again.
            #expect(try await session.list(after: (first.uidValidity, 5), limit: 10).uids.isEmpty)
            // A checkpoint of another UIDVALIDITY counts for nothing: listed from the start.
            #expect(try await session.list(after: (first.uidValidity &+ 1, 5), limit: 2).uids == [1, 2])
            // Delivered after the session selected the mailbox: seen after the NOOP.
            try LiveServers.seed([TestMessage.make(size: 1200, id: "ls6")], into: folder)
            let later = try await session.list(after: (first.uidValidity, 5), limit: 10)
            #expect(later.uids == [6])
            #expect(later.sizes == [6: 1200])
            #expect(await session.sessionsOpened == 1)
            // Deleted and created again under the session: the new UIDVALIDITY and its messages.
            let admin = try IMAPClient(configuration: LiveServers.imap())
            try await admin.deleteMailbox(folder)
            #expect(try await admin.createMailbox(folder) == .created)
            try LiveServers.seed([TestMessage.make(size: 900, id: "ls7")], into: folder)
            let again = try await session.list(after: (first.uidValidity, 6), limit: 10)
            #expect(again.uidValidity != first.uidValidity)
            #expect(again.uids == [1])
            #expect(again.sizes == [1: 900])
            await session.close()
        }

        @Test func aCutConnectionIsOpenedAgainForTheListingAndTheMove() async throws {
            let folder = try await LiveServers.newFolder("BulkDrop")
            let done = try await LiveServers.newFolder("BulkDropDone")
            try LiveServers.seed((1...3).map { TestMessage.make(size: 700, id: "dr\($0)") }, into: folder)
            let session = try IMAPBulkSession(configuration: LiveServers.imap(), mailbox: folder)
            let listed = try await session.list(after: nil, limit: 10)
            #expect(listed.uids == [1, 2, 3])
            await session.cutConnection()
            #expect(try await session.list(after: (listed.uidValidity, 1), limit: 10).uids == [2, 3])
            #expect(await session.sessionsOpened == 2)
            await session.cutConnection()
            try await session.move(uids: [1, 2, 3], to: done, uidValidity: listed.uidValidity)
            #expect(await session.sessionsOpened == 3)
            #expect(try await session.list(after: nil, limit: 10).uids.isEmpty)
            await session.close()
        }

        @Test func aMissingMailboxIsNotFound() async throws {
            let fetcher = try IMAPBulkSession(configuration: LiveServers.imap(), mailbox: "NoSuchFolder-\(UUID())")
            do {
                _ = try await fetcher.fetch(uids: [1], maxSize: 1000)
                Issue.record("fetching from a missing mailbox succeeded")
            } catch {
                #expect(error.kind == .mailboxNotFound)
            }
        }
    }
}
