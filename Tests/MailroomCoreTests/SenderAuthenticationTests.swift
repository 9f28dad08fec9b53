import Foundation
import MailMessage
import Testing

@testable import MailroomCore

@Suite struct SenderAuthenticationTests {
    private let reader = SenderAuthentication(authservID: "MX.Shop.Example")

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var fields: [String]
        var dmarc: DMARCResult
        var trusted: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "no field", fields: [], dmarc: .unknown, trusted: false),
        Case(name: "pass", fields: ["mx.shop.example; dmarc=pass header.from=a.example"], dmarc: .pass, trusted: true),
        Case(name: "fail", fields: ["mx.shop.example; dmarc=fail header.from=a.example"], dmarc: .fail, trusted: true),
        Case(name: "upper-case id and result", fields: ["MX.SHOP.EXAMPLE; DMARC=FAIL"], dmarc: .fail, trusted: true),
        Case(name: "quoted id", fields: ["\"mx.shop.example\"; dmarc=pass"], dmarc: .pass, trusted: true),
        Case(name: "none", fields: ["mx.shop.example; dmarc=none"], dmarc: .none, trusted: true),
        Case(name: "temperror", fields: ["mx.shop.example; dmarc=temperror"], dmarc: .tempError, trusted: true),
        Case(name: "permerror", fields: ["mx.shop.example; dmarc=permerror"], dmarc: .permError, trusted: true),
        Case(
            name: "bestguesspass", fields: ["mx.shop.example; dmarc=bestguesspass"], dmarc: .bestGuessPass,
            trusted: true),
        Case(
            name: "unknown keyword", fields: ["mx.shop.example; dmarc=quarantine"], dmarc: .unrecognized, trusted: true),
        Case(
            name: "trusted without dmarc", fields: ["mx.shop.example; spf=pass smtp.mailfrom=a.example"],
            dmarc: .unknown, trusted: true),
        Case(name: "trusted no-result", fields: ["mx.shop.example 1; none"], dmarc: .unknown, trusted: true),
        Case(
            name: "other servers only",
            fields: ["mx.google.com; dmarc=fail", "mx.example.net; dmarc=pass"], dmarc: .unknown, trusted: false),
        Case(
            name: "look-alikes only",
            fields: [
                "mx.shop.example.evil.test; dmarc=pass", "evil-mx.shop.example; dmarc=pass",
                "mx.shop.examp1e; dmarc=pass", "mx.shop.example.; dmarc=pass", "mx. shop.example; dmarc=pass",
            ],
            dmarc: .unknown, trusted: false),
        Case(
            name: "look-alike above ours",
            fields: ["mx.shop.example.evil.test; dmarc=pass", "mx.shop.example; dmarc=fail"], dmarc: .fail,
            trusted: true),
        Case(
            name: "forged copy below ours",
            fields: ["mx.shop.example; dmarc=fail", "mx.shop.example; dmarc=pass"], dmarc: .fail, trusted: true),
        Case(
            name: "ours above a forged failure",
            fields: ["mx.shop.example; dmarc=pass", "mx.shop.example; dmarc=fail"], dmarc: .pass, trusted: true),
        Case(
            name: "first dmarc result in the field",
            fields: ["mx.shop.example; dmarc=fail; dmarc=pass"], dmarc: .fail, trusted: true),
    ]

    @Test(arguments: cases)
    func verdict(testCase: Case) {
        let verdict = reader.verdict(fieldValues: testCase.fields)
        #expect(verdict.dmarc == testCase.dmarc)
        #expect((verdict.trusted != nil) == testCase.trusted)
        #expect(verdict.ignoredCount == testCase.fields.count - (testCase.trusted ? 1 : 0))
        #expect(verdict.dmarcFailed == (testCase.dmarc == .fail))
    }

    @Test func spfAndDKIMForTheAuditTrail() {
        let verdict = reader.verdict(fieldValues: [
            "mx.shop.example; spf=softfail smtp.mailfrom=a.example; dkim=fail header.d=b.example; "
                + "dkim=pass header.d=a.example; dmarc=pass header.from=a.example",
            "mx.google.com; spf=pass",
        ])
        #expect(verdict.spf == "softfail")
        #expect(verdict.dkim == "pass")
        #expect(verdict.summary == "dmarc=pass spf=softfail dkim=pass by mx.shop.example (1 ignored)")
        #expect(
            reader.verdict(fieldValues: ["mx.google.com; spf=pass"]).summary
                == "no trusted Authentication-Results (1 ignored)")
    }

    @Test func emptyConfiguredIDTrustsNothing() {
        let verdict = SenderAuthentication(authservID: " ").verdict(fieldValues: ["; dmarc=fail", " ; dmarc=fail"])
        #expect(verdict.dmarc == .unknown)
    }

    /// The demo mails: the receiving server `mx.shop.example` reports DMARC pass for customers, fail for 36.
    @Test func demoMails() throws {
        var verdicts: [String: DMARCResult] = [:]
        for name in DemoMail.names() {
            verdicts[name] = reader.verdict(for: try DemoMail.message(name)).dmarc
        }
        #expect(verdicts.count == 36)
        #expect(verdicts["36-dmarc-fail-refund-to-other-account.eml"] == .fail)
        #expect(verdicts["01-track-order-plain-ascii.eml"] == .pass)
        #expect(verdicts.values.filter { $0 == .fail }.count == 1)
    }

    /// Every Authentication-Results field in the shared real-world fixtures parses, and SPF results are
    /// RFC 8601 keywords.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func realWorldFields() throws {
        let spfKeywords: Set = ["pass", "fail", "softfail", "neutral", "none", "temperror", "permerror", "policy"]
        var fields = 0
        for name in SharedData.fixtureNames() {
            let message = try MessageParser.parse(try SharedData.bytes(name))
            for value in message.header.values("Authentication-Results") {
                fields += 1
                let parsed = try #require(AuthenticationResults.parse(value), "\(name)")
                #expect(!parsed.authservID.isEmpty)
                if let spf = parsed.result(for: "spf") { #expect(spfKeywords.contains(spf.result), "\(name)") }
                #expect(reader.verdict(fieldValues: [value]).dmarc == .unknown)
            }
        }
        #expect(fields >= 10)
    }
}
