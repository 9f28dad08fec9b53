import Foundation
import LiveServerSupport
import Testing

@testable import MailTransport

extension LiveTests {
    @Suite struct SMTPLive {
        private func marker() -> String { "smtp-\(UInt64.random(in: 0...UInt64.max))" }

        @Test(arguments: [
            ("MAILROOM_TEST_SMTP_URL", TLSPolicy.none, "no"), ("MAILROOM_TEST_SMTP_URL", .required, "yes"),
            ("MAILROOM_TEST_SMTPS_URL", .required, "yes"),
        ])
        func sendsPlainStartTLSAndImplicitTLS(url: String, tls: TLSPolicy, expectTLS: String) async throws {
            let id = marker()
            let message = TestMessage.make(size: 4000, id: id)
            let sender = try SMTPSender(configuration: LiveServers.smtp(url: url, tls: tls))
            let result = await sender.send(
                from: "support@example.org", recipients: ["customer@example.com"], message: message)
            #expect(result.isComplete, "\(result)")
            let stored = try #require(try await LiveServers.sinkMessage(containing: id))
            #expect(stored.message == message)
            #expect(stored.sink["X-TLS"] == expectTLS)
            #expect(stored.sink["X-Envelope-From"] == "support@example.org")
            #expect(stored.sink["X-Envelope-To"] == "customer@example.com")
        }

        @Test func envelopeIsSeparateFromHeaders() async throws {
            let id = marker()
            let message = TestMessage.make(size: 1500, id: id)  // headers say To: support@example.org
            let sender = try SMTPSender(configuration: LiveServers.smtp())
            let result = await sender.send(from: "", recipients: ["x@example.net", "y@example.net"], message: message)
            #expect(result.isComplete)
            let stored = try #require(try await LiveServers.sinkMessage(containing: id))
            #expect(stored.sink["X-Envelope-To"] == "x@example.net, y@example.net")
            #expect(stored.sink["X-Envelope-From"] == "<>")  // the null sender
        }

        @Test func temporaryAndPermanentRecipientFailures() async throws {
            let id = marker()
            let sender = try SMTPSender(configuration: LiveServers.smtp())
            let result = await sender.send(
                from: "support@example.org",
                recipients: ["ok@example.com", "tempfail@example.com", "reject@example.com"],
                message: TestMessage.make(size: 1500, id: id))
            #expect(result.recipients[0].delivery.isDelivered)
            #expect(result.deferred == ["tempfail@example.com"])
            #expect(result.rejected == ["reject@example.com"])
            guard case .deferred(let transient) = result.recipients[1].delivery,
                case .rejected(let permanent) = result.recipients[2].delivery
            else { return }
            #expect(transient.isTransient && transient.replyCode == 451)
            #expect(!permanent.isTransient && permanent.replyCode == 550)
            #expect(permanent.message.contains("reject@example.com"))
            let stored = try #require(try await LiveServers.sinkMessage(containing: id))
            #expect(stored.sink["X-Envelope-To"] == "ok@example.com")
        }

        @Test(arguments: [("452 4.3.1 Insufficient system storage", true), ("554 5.6.0 Message refused", false)])
        func messageRefusedAfterData(reply: String, transient: Bool) async throws {
            let sender = try SMTPSender(configuration: LiveServers.smtp())
            let message = TestMessage.make(size: 1500, id: marker(), extraHeaders: "X-Sink-Reply: \(reply)\r\n")
            let result = await sender.send(from: "support@example.org", recipients: ["a@example.com"], message: message)
            #expect(result.error == .messageRejected)
            #expect(result.error?.isTransient == transient)
            #expect(transient ? result.deferred == ["a@example.com"] : result.rejected == ["a@example.com"])
            // The connection stays usable for the next message.
            let next = await sender.send(
                from: "support@example.org", recipients: ["a@example.com"],
                message: TestMessage.make(size: 900, id: marker()))
            #expect(next.isComplete)
        }

        @Test func dotStuffingAndEightBitBodiesArriveByteExact() async throws {
            let id = marker()
            var message = Array("From: a@example.org\r\nTo: b@example.com\r\nMessage-ID: <\(id)@x>\r\n\r\n".utf8)
            message += Array(".\r\n..\r\n.leading dot\r\n. \r\nGrüße \u{1F600}\r\n".utf8) + [0x80, 0xFE, 0xFF, 13, 10]
            message += Array("\r\n.\r\nlast line\r\n".utf8)
            let sender = try SMTPSender(configuration: LiveServers.smtp())
            #expect(
                await sender.send(from: "a@example.org", recipients: ["b@example.com"], message: message).isComplete)
            let stored = try #require(try await LiveServers.sinkMessage(containing: id))
            #expect(stored.message == message)
        }

        @Test func authenticationWithPasswordAndXOAUTH2() async throws {
            let token = try LiveServers.value("MAILROOM_TEST_OAUTH_TOKEN")
            let logins: [(Credentials, AuthMechanism)] = [
                (.password(username: LiveServers.user, password: LiveServers.password), .plain),
                (.password(username: LiveServers.user, password: LiveServers.password), .login),
                (.oauth2(username: LiveServers.user, bearerToken: token), .automatic),
            ]
            for (credentials, mechanism) in logins {
                for url in ["MAILROOM_TEST_SMTP_URL", "MAILROOM_TEST_SMTPS_URL"] {
                    var configuration = try LiveServers.smtp(url: url, credentials: credentials)
                    configuration.authMechanism = mechanism
                    let id = marker()
                    let result = try await SMTPSender(configuration: configuration).send(
                        from: "support@example.org", recipients: ["c@example.com"],
                        message: TestMessage.make(size: 1200, id: id))
                    #expect(result.isComplete, "\(mechanism) on \(url): \(result)")
                    let stored = try await LiveServers.sinkMessage(containing: id)
                    #expect(stored?.sink["X-Auth-User"] == LiveServers.user, "\(mechanism) on \(url)")
                }
            }
        }

        @Test func wrongPasswordIsPermanent() async throws {
            let sender = try SMTPSender(
                configuration: LiveServers.smtp(credentials: .password(username: LiveServers.user, password: "nope")))
            let result = await sender.send(
                from: "support@example.org", recipients: ["a@example.com"],
                message: TestMessage.make(size: 900, id: marker()))
            #expect(result.error == .authenticationFailed)
            #expect(result.rejected == ["a@example.com"])
        }

        @Test func unreachableServerIsTransient() async throws {
            let sender = try SMTPSender(
                configuration: SMTPConfiguration(
                    url: "smtp://127.0.0.1:1", credentials: .none, connectTimeout: .seconds(2)))
            let result = await sender.send(
                from: "a@example.org", recipients: ["b@example.com"], message: Array("Subject: x\r\n\r\nx\r\n".utf8))
            #expect(result.error == .serverUnreachable)
            #expect(result.deferred == ["b@example.com"])
        }

        @Test func oneConnectionForManyMessages() async throws {
            let sender = try SMTPSender(configuration: LiveServers.smtp())
            for index in 0..<20 {
                let result = await sender.send(
                    from: "a@example.org", recipients: ["b@example.com"],
                    message: TestMessage.make(size: 800, id: "many\(index)-\(marker())"))
                #expect(result.isComplete)
            }
            #expect(await sender.connectionsOpened == 1)
        }
    }
}
