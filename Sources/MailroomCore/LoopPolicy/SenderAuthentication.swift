import Foundation
import MailMessage

/// Reads the sender-authentication verdict from the Authentication-Results fields that our own receiving
/// server added (configuration key `mailroom.authservId`).
///
/// Only fields whose authserv-id equals the configured one (ignoring case; a look-alike such as
/// `mx.example.com.evil.test` does not count) are trusted, and of those the top-most wins: the receiving
/// server prepends its field, so copies further down were written by someone else. The receiving server
/// should also remove incoming fields that carry its id (RFC 8601 section 5); if it adds none, a forged
/// copy would be the top-most trusted one, so configure it to always add the field.
public struct SenderAuthentication: Sendable {
    /// The configured authserv-id, lower case.
    public let authservID: String

    /// Creates the reader for fields added by the server named `authservID` (e.g. `mx.example.com`).
    public init(authservID: String) {
        self.authservID = authservID.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The verdict for `message`, from its Authentication-Results fields (top-most first).
    public func verdict(for message: Message) -> AuthenticationVerdict {
        verdict(fieldValues: message.header.values("Authentication-Results"))
    }

    /// The verdict for Authentication-Results field values given top-most first.
    public func verdict(fieldValues: [String]) -> AuthenticationVerdict {
        let parsed = fieldValues.map(AuthenticationResults.parse)
        guard !authservID.isEmpty,
            let index = parsed.firstIndex(where: { $0?.authservID.lowercased() == authservID }),
            let trusted = parsed[index]
        else {
            return AuthenticationVerdict(dmarc: .unknown, ignoredCount: fieldValues.count)
        }
        let dmarc = trusted.result(for: "dmarc")
        let dkim = trusted.results(for: "dkim")
        return AuthenticationVerdict(
            dmarc: dmarc.map { DMARCResult(keyword: $0.result) } ?? .unknown,
            dmarcKeyword: dmarc?.result,
            spf: trusted.result(for: "spf")?.result,
            dkim: dkim.first { $0.result == "pass" }?.result ?? dkim.first?.result,
            trusted: trusted,
            ignoredCount: fieldValues.count - 1,
            trustedFieldCount: parsed.filter { $0?.authservID.lowercased() == authservID }.count)
    }
}
