import Foundation
import LiveServerSupport
import Testing

@testable import MailTransport

extension LiveTests {
    @Suite struct IMAPLoginLive {
        @Test func wrongPasswordIsAPermanentAuthenticationFailure() async throws {
            let imap = try IMAPClient(
                configuration: LiveServers.imap(credentials: .password(username: LiveServers.user, password: "wrong")))
            let error = await #expect(throws: TransportError.authenticationFailed) { try await imap.status() }
            #expect(error?.isTransient == false)
            #expect(error?.message.contains("AUTHENTICATIONFAILED") == true)
        }

        @Test func missingMailboxIsNotAWrongPassword() async throws {
            let imap = try IMAPClient(configuration: LiveServers.imap(), mailbox: "Does-Not-Exist")
            await #expect(throws: TransportError.mailboxNotFound) { try await imap.status() }
            // Through SELECT (libcurl's misleading 67 LOGIN_DENIED):
            await #expect(throws: TransportError.mailboxNotFound) { try await imap.fetch(uid: 1) }
        }

        @Test func tlsVerificationFailureIsReported() async throws {
            let other = try LiveServers.value("MAILROOM_TEST_OTHER_CA_FILE")
            for url in ["MAILROOM_TEST_IMAPS_URL", "MAILROOM_TEST_IMAP_URL"] {
                let imap = try IMAPClient(configuration: LiveServers.imap(url: url, caFile: other))
                let error = await #expect(throws: TransportError.tlsVerificationFailed) { try await imap.status() }
                #expect(error?.isTransient == false)
            }
        }

        @Test(arguments: [
            ("MAILROOM_TEST_IMAPS_URL", TLSPolicy.required), ("MAILROOM_TEST_IMAP_URL", .required),
            ("MAILROOM_TEST_IMAP_URL", .none),
        ])
        func tlsModesAndMechanismsLogIn(url: String, tls: TLSPolicy) async throws {
            for mechanism in AuthMechanism.allCases {
                var configuration = try LiveServers.imap(url: url, tls: tls)
                configuration.authMechanism = mechanism
                let imap = try IMAPClient(configuration: configuration)
                #expect(try await imap.status().uidValidity > 0)
            }
        }

        @Test func xoauth2BearerTokenLogsIn() async throws {
            let token = try LiveServers.value("MAILROOM_TEST_OAUTH_TOKEN")
            let good = try IMAPClient(
                configuration: LiveServers.imap(credentials: .oauth2(username: LiveServers.user, bearerToken: token)))
            #expect(try await good.status().uidValidity > 0)
            let bad = try IMAPClient(
                configuration: LiveServers.imap(
                    credentials: .oauth2(username: LiveServers.user, bearerToken: "expired")))
            await #expect(throws: TransportError.authenticationFailed) { try await bad.status() }
        }

        @Test func silentServerTimesOut() async throws {
            // imap:// to the implicit-TLS port: the server waits for a TLS hello, the client for a greeting.
            var configuration = try LiveServers.imap(url: "MAILROOM_TEST_IMAPS_URL", tls: .required)
            configuration.url = configuration.url.replacingOccurrences(of: "imaps://", with: "imap://")
            configuration.connectTimeout = .seconds(1)
            configuration.reconnect = Backoff(attempts: 1)
            let imap = try IMAPClient(configuration: configuration)
            let start = ContinuousClock.now
            let error = await #expect(throws: TransportError.timedOut) { try await imap.status() }
            #expect(error?.isTransient == true)
            #expect(ContinuousClock.now - start < .seconds(5))
        }

        @Test func unreachableServerIsTransient() async throws {
            let imap = try IMAPClient(
                configuration: IMAPConfiguration(
                    url: "imap://127.0.0.1:1", credentials: .none, connectTimeout: .seconds(2),
                    reconnect: Backoff(initial: .milliseconds(10), attempts: 2)))
            let error = await #expect(throws: TransportError.serverUnreachable) { try await imap.status() }
            #expect(error?.isTransient == true)
        }
    }
}
