import Foundation
import LiveServerSupport
import Logging
import MailTransport
import MailroomCore
import Testing

@testable import MailroomApp

extension GatewayLiveTests {
    /// ``IMAPMailSource`` on the real dovecot: what it costs the server, not only what it returns.
    @Suite struct IMAPSource {
        /// A refused command makes libcurl close the connection, and every new connection costs a TLS handshake,
        /// a login and dovecot's scan of the whole mailbox: once per batch, that grew with the backlog. The
        /// processed folder is created when the server says it is missing, not tried again at every move.
        @Test func movingBatchesKeepsOneConnectionAndCreatesTheFolderOnce() async throws {
            let inbox = try await LiveServers.newFolder("SourceInbox")
            let processed = "SourceDone-\(UInt32.random(in: 0...UInt32.max))"
            let mails = (1...8).map { index in
                TestMail.customer(
                    from: "reader\(index)@example.net", name: "Reader \(index)", subject: "Question \(index)",
                    text: "Question number \(index).", messageID: TestMail.newMessageID("source"))
            }
            try LiveServers.seed(mails, into: inbox)
            let source = try IMAPMailSource(settings: Self.settings(inbox: inbox, processed: processed))
            let items = try await source.pending(after: nil, limit: 100).items
            #expect(items.count == 8)
            // The first move finds no folder: it is created and the move made again.
            try await source.acknowledge(Array(items[0..<2]))
            let afterFirst = await source.connectionsOpened
            for start in stride(from: 2, to: 8, by: 2) {
                try await source.acknowledge(Array(items[start..<start + 2]))
                _ = try await source.pending(after: nil, limit: 100)
            }
            #expect(await source.connectionsOpened == afterFirst, "a move opened a new connection")
            // Each batch moved in one command; the first twice (refused, then after the folder was created).
            #expect(await source.movesSent == 5)
            let admin = try IMAPClient(configuration: LiveServers.imap())
            #expect(try await admin.status(of: processed).messages == 8)
            #expect(try await admin.status(of: inbox).messages == 0)
            try await admin.deleteMailbox(processed)
            await admin.close()
        }

        /// Moves by another session are reported to every session that has the mailbox selected, one EXPUNGE
        /// line a message: listed through libcurl, the next listing after a move of 1,000 was answered past its
        /// 300 KiB cap and the connection dropped. The listing runs on the bulk session, which reads any answer.
        @Test func aThousandMovedDoNotMakeTheNextListingReconnect() async throws {
            let inbox = try await LiveServers.newFolder("SourceBig")
            let processed = try await LiveServers.newFolder("SourceBigDone")
            let mail = { Self.mail("many", $0) }
            try LiveServers.seed((1...1000).map(mail), into: inbox)
            let source = try IMAPMailSource(settings: Self.settings(inbox: inbox, processed: processed))
            let first = try await source.pending(after: nil, limit: 1000)
            #expect(first.items.count == 1000)
            #expect(first.items.allSatisfy { $0.size != nil })
            try await source.acknowledge(first.items)
            let opened = await source.connectionsOpened
            try LiveServers.seed((1001...1003).map(mail), into: inbox)
            let validity = try #require(first.uidValidity)
            let next = try await source.pending(
                after: Checkpoint(uidValidity: validity, lastUID: first.items.last?.uid ?? 0), limit: 1000)
            #expect(next.items.map(\.uid) == [1001, 1002, 1003])
            #expect(await source.connectionsOpened == opened, "the listing after the move opened a new connection")
            #expect(await source.movesSent == 1)
        }

        /// A message fetched alone goes through libcurl's session. Listed on the bulk session, it may be newer than
        /// everything libcurl's session has seen (it lists nothing now): unless that session catches up first, the
        /// server answers the fetch with nothing, and a message that is there was taken for gone and passed by.
        @Test func aMessageFetchedAloneAfterTheListingIsNotTakenForGone() async throws {
            let inbox = try await LiveServers.newFolder("SourceAlone")
            let mail = { Self.mail("alone", $0) }
            let first = mail(1)
            try LiveServers.seed([first], into: inbox)
            let source = try IMAPMailSource(settings: Self.settings(inbox: inbox, processed: inbox + "-done"))
            let listed = try await source.pending(after: nil, limit: 10)
            // Fetched alone: libcurl's session opens now and sees the first message only.
            #expect(try await source.fetch(listed.items[0], maxSize: 1 << 20) == .message(first))
            let second = mail(2)
            try LiveServers.seed([second], into: inbox)
            let validity = try #require(listed.uidValidity)
            let next = try await source.pending(after: Checkpoint(uidValidity: validity, lastUID: 1), limit: 10)
            #expect(next.items.map(\.uid) == [2])
            #expect(try await source.fetch(next.items[0], maxSize: 1 << 20) == .message(second))
            // A batch of one goes through the bulk session, which listed it.
            #expect(try await source.fetch(next.items, maxSize: 1 << 20) == [.message(second)])
        }

        /// With the bulk session paused (after a failure), moves go through libcurl's session, which must see the
        /// UIDs first: the server skips a UID it has not seen without a word, and the mail stayed in the INBOX.
        @Test func aMoveThroughLibcurlAfterTheBulkSessionFailedMovesMailItHadNotSeen() async throws {
            let inbox = try await LiveServers.newFolder("SourcePaused")
            let processed = try await LiveServers.newFolder("SourcePausedDone")
            let mail = { Self.mail("paused", $0) }
            try LiveServers.seed([mail(1)], into: inbox)
            let source = try IMAPMailSource(settings: Self.settings(inbox: inbox, processed: processed))
            let first = try await source.pending(after: nil, limit: 10)
            // Fetched alone: libcurl's session opens now and sees the first message only.
            _ = try await source.fetch(first.items[0], maxSize: 1 << 20)
            try LiveServers.seed([mail(2)], into: inbox)
            let both = try await source.pending(after: nil, limit: 10)
            #expect(both.items.map(\.uid) == [1, 2])
            source.pauseBulk()
            try await source.acknowledge(both.items)
            let admin = try IMAPClient(configuration: LiveServers.imap())
            #expect(try await admin.status(of: processed).messages == 2)
            #expect(try await admin.status(of: inbox).messages == 0)
            #expect(await source.movesSent == 0)
            await admin.close()
        }

        /// A customer's mail numbered `index`, from a sender named after `tag`.
        static func mail(_ tag: String, _ index: Int) -> [UInt8] {
            TestMail.customer(
                from: "\(tag)\(index)@example.net", name: "\(tag.capitalized) \(index)", subject: "Question \(index)",
                text: "Message \(index).", messageID: TestMail.newMessageID(tag))
        }

        /// A gateway on a store of its own logs in to the mailbox while it opens the store and loads its model (it
        /// used to wait for all of that): the first listing finds the connection open.
        @Test func aGatewayLogsInWhileItStarts() async throws {
            let inbox = try await LiveServers.newFolder("SourceStart")
            try LiveServers.seed([Self.mail("start", 1)], into: inbox)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-start-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let yaml = """
                mailroom:
                  supportAddress: support@shop.example
                  companyName: Larkwood
                  authservId: mx.shop.example
                store:
                  path: db.sqlite
                imap:
                  url: \(try LiveServers.value("MAILROOM_TEST_IMAP_URL"))
                  username: \(LiveServers.user)
                  password: \(LiveServers.password)
                  mailbox: \(inbox)
                  processedMailbox: \(inbox)-done
                  tls: required
                  caFile: \(try LiveServers.value("MAILROOM_TEST_CA_FILE"))
                  idle: false
                maildir:
                  outbox: out
                agents:
                  inbox: agents@shop.example
                  allowed: [ana@shop.example]
                tokens:
                  secret: gateway-test-secret-0123456789
                """
            let path = directory.appendingPathComponent("mailroom.yaml")
            try yaml.write(to: path, atomically: true, encoding: .utf8)
            let configuration = try await ConfigurationLoader.load(path: path.path, environment: [:])
            let gateway = try Gateway(configuration: configuration, logger: Logger(label: "test"))
            let source = try #require(gateway.poller.source as? IMAPMailSource)
            // Nothing has asked the mailbox anything yet; the login happens on the session's own thread.
            let deadline = ContinuousClock.now + .seconds(10)
            while await source.connectionsOpened == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(await source.connectionsOpened == 1)
            #expect(try await source.pending(after: nil, limit: 10).items.count == 1)
            #expect(await source.connectionsOpened == 1)
        }

        static func settings(inbox: String, processed: String) throws -> IMAPSettings {
            IMAPSettings(
                url: try LiveServers.value("MAILROOM_TEST_IMAP_URL"), username: LiveServers.user,
                password: LiveServers.password, oauth2Token: nil, mailbox: inbox, processedMailbox: processed,
                tls: .required, caFile: try LiveServers.value("MAILROOM_TEST_CA_FILE"), pollSeconds: 30, idle: false,
                maxMessageBytes: 1 << 20, timeoutSeconds: 10)
        }
    }
}
