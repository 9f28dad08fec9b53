import Testing

@testable import MailroomCore

@Suite struct AuthenticationResultsTests {
    typealias Method = AuthenticationResults.MethodResult

    @Test func asciiFieldsTokeniseOnTheirBytesAsOnTheirCharacters() {
        let alphabet = Array("ab.x1/ =;()\"\\\t\n\u{0B}\u{1C}-_")
        var random = SeededRandom(seed: 8)
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let value = String(
                (0..<Int.random(in: 0..<40, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            var copy = value
            let bytes = copy.withUTF8 { AuthenticationResults.asciiTokens($0) }
            if bytes != AuthenticationResults.characterTokens(value) || AuthenticationResults.tokens(value) != bytes {
                mismatches.append(value)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3).map(\.debugDescription))")
        // Carriage returns and non-ASCII go the character way (CR LF is one character).
        #expect(
            AuthenticationResults.tokens("a \"\\\r\n\" b") == AuthenticationResults.characterTokens("a \"\\\r\n\" b"))
        #expect(AuthenticationResults.tokens("mx; spf=pass (ok) smtp.mailfrom=\"ü@x\"").count == 8)
    }

    @Test(arguments: [
        ("example.org 1; none", AuthenticationResults(authservID: "example.org", version: 1, results: [])),
        ("example.org", AuthenticationResults(authservID: "example.org", results: [])),
        (
            "example.com; spf=pass smtp.mailfrom=example.net",
            AuthenticationResults(
                authservID: "example.com",
                results: [Method(method: "spf", result: "pass", properties: ["smtp.mailfrom": "example.net"])])
        ),
        (
            "mx.example.com;\r\n dkim=pass (good signature) header.d=a.example;\r\n\tdkim=FAIL (bad) header.d=b.example",
            AuthenticationResults(
                authservID: "mx.example.com",
                results: [
                    Method(method: "dkim", result: "pass", properties: ["header.d": "a.example"]),
                    Method(method: "dkim", result: "fail", properties: ["header.d": "b.example"]),
                ])
        ),
        (
            "\"mx.example.com\" ; dmarc = fail (p=reject; sp=none) header.from = example.net",
            AuthenticationResults(
                authservID: "mx.example.com",
                results: [Method(method: "dmarc", result: "fail", properties: ["header.from": "example.net"])])
        ),
        (
            "mx (nested (comment) here) 1; dkim/1=pass reason=\"signature ok; fine\" header.i=@a.example",
            AuthenticationResults(
                authservID: "mx", version: 1,
                results: [
                    Method(
                        method: "dkim", version: "1", result: "pass", reason: "signature ok; fine",
                        properties: ["header.i": "@a.example"])
                ])
        ),
        (
            "mx.example.com; spf=pass smtp.mailfrom=a.example dkim=pass header.d=a.example dmarc=pass",
            AuthenticationResults(
                authservID: "mx.example.com",
                results: [
                    Method(method: "spf", result: "pass", properties: ["smtp.mailfrom": "a.example"]),
                    Method(method: "dkim", result: "pass", properties: ["header.d": "a.example"]),
                    Method(method: "dmarc", result: "pass"),
                ])
        ),
        (
            "mx.example.com; auth=pass smtp.auth=\"\"",
            AuthenticationResults(
                authservID: "mx.example.com",
                results: [Method(method: "auth", result: "pass", properties: ["smtp.auth": ""])])
        ),
    ])
    func parses(value: String, expected: AuthenticationResults) {
        #expect(AuthenticationResults.parse(value) == expected)
    }

    @Test(arguments: ["", "   ", "(only a comment)", "; spf=pass", "=pass"])
    func rejectsFieldsWithoutAnAuthservID(value: String) {
        #expect(AuthenticationResults.parse(value) == nil)
    }

    @Test func lenientWithNonStandardFields() throws {
        let value =
            "mta1007.mail.sp2.yahoo.com  from=example.com; domainkeys=neutral (no sig);  from=example.com; "
            + "dkim=neutral (no sig)"
        let parsed = try #require(AuthenticationResults.parse(value))
        #expect(parsed.authservID == "mta1007.mail.sp2.yahoo.com")
        #expect(parsed.result(for: "DKIM")?.result == "neutral")
        #expect(parsed.result(for: "domainkeys")?.result == "neutral")
        #expect(parsed.result(for: "dmarc") == nil)
    }
}
