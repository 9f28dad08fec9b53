import Foundation
import LiveServerSupport
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

        static func settings(inbox: String, processed: String) throws -> IMAPSettings {
            IMAPSettings(
                url: try LiveServers.value("MAILROOM_TEST_IMAP_URL"), username: LiveServers.user,
                password: LiveServers.password, oauth2Token: nil, mailbox: inbox, processedMailbox: processed,
                tls: .required, caFile: try LiveServers.value("MAILROOM_TEST_CA_FILE"), pollSeconds: 30, idle: false,
                maxMessageBytes: 1 << 20, timeoutSeconds: 10)
        }
    }
}
