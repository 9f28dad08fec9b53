import Testing

@testable import MailroomCore

@Suite struct TokenSignerTests {
    @Test func tokenIsPublicIDDotTenBase32Symbols() throws {
        let token = try Fixture.signer.token(for: "MR-7K4QX2")
        #expect(token.hasPrefix("MR-7K4QX2."))
        let mac = token.dropFirst("MR-7K4QX2.".count)
        #expect(mac.count == TokenSigner.macLength)
        #expect(mac.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
    }

    @Test func tokenIsDeterministicAndDependsOnSecretAndID() throws {
        let token = try Fixture.signer.token(for: "MR-7K4QX2")
        #expect(try Fixture.signer.token(for: "MR-7K4QX2") == token)
        #expect(try Fixture.signer.token(for: "mr-7k4qx2") == token)
        #expect(try Fixture.otherSigner.token(for: "MR-7K4QX2") != token)
        #expect(try Fixture.signer.token(for: "MR-7K4QX3").dropFirst(10) != token.dropFirst(10))
    }

    @Test func roundTripIgnoresCase() throws {
        let token = try Fixture.signer.token(for: "MR-7K4QX2")
        #expect(Fixture.signer.publicID(fromToken: token) == "MR-7K4QX2")
        #expect(Fixture.signer.publicID(fromToken: token.lowercased()) == "MR-7K4QX2")
    }

    /// Each mutation of a valid token that must never verify.
    @Test(arguments: [
        "truncated by one", "truncated to half", "mac removed", "dot removed", "extra symbol", "other id",
        "flipped symbol", "other secret", "empty", "space inside", "id only with dot",
    ])
    func forgedOrBrokenTokensNeverVerify(mutation: String) throws {
        let token = try Fixture.signer.token(for: "MR-7K4QX2")
        let mac = String(token.dropFirst("MR-7K4QX2.".count))
        let flipped = String(mac.dropLast()) + (mac.last == "0" ? "1" : "0")
        let forged: String =
            switch mutation {
            case "truncated by one": String(token.dropLast())
            case "truncated to half": String(token.dropLast(5))
            case "mac removed": "MR-7K4QX2."
            case "dot removed": "MR-7K4QX2" + mac
            case "extra symbol": token + "0"
            case "other id": "MR-7K4QX3." + mac
            case "flipped symbol": "MR-7K4QX2." + flipped
            case "other secret": try Fixture.otherSigner.token(for: "MR-7K4QX2")
            case "empty": ""
            case "space inside": "MR-7K4QX2. " + mac
            default: "."
            }
        #expect(Fixture.signer.publicID(fromToken: forged) == nil)
    }

    @Test(arguments: [
        "", "-MR7", "MR7-", "MR_7K4QX2", "MR 7K4QX2", "MR.7K4QX2", "MR-7K4QX2é", String(repeating: "A", count: 33),
    ])
    func invalidPublicIDsAreRejected(publicID: String) {
        #expect(throws: InvalidInputError.publicID) { try Fixture.signer.token(for: publicID) }
    }

    @Test(arguments: [0, 1, 15])
    func shortSecretsAreRejected(length: Int) {
        #expect(throws: InvalidInputError.secret) { try TokenSigner(secret: String(repeating: "k", count: length)) }
        #expect(throws: InvalidInputError.secret) {
            try TokenSigner(secret: Fixture.secret, previousSecrets: [String(repeating: "k", count: length)])
        }
    }

    @Test func previousSecretsVerifyButNeverSign() throws {
        let rotated = try TokenSigner(secret: Fixture.otherSecret, previousSecrets: [Fixture.secret])
        let old = try Fixture.signer.token(for: "MR-7K4QX2")
        #expect(rotated.publicID(fromToken: old) == "MR-7K4QX2")
        #expect(try rotated.token(for: "MR-7K4QX2") == Fixture.otherSigner.token(for: "MR-7K4QX2"))
        #expect(Fixture.otherSigner.publicID(fromToken: old) == nil)
    }

    @Test func purposesAreSeparated() throws {
        let tokenMAC = Fixture.signer.mac(.ticketToken, "MR-7K4QX2")
        #expect(Fixture.signer.mac(.messageID, "MR-7K4QX2") != tokenMAC)
        #expect(!Fixture.signer.isValid(mac: tokenMAC, .messageID, "MR-7K4QX2"))
        #expect(Fixture.signer.isValid(mac: tokenMAC, .ticketToken, "MR-7K4QX2"))
    }

    /// RFC 4231 test case 2 ("Jefe" / "what do ya want for nothing?") pins the HMAC-SHA256 and the base32
    /// step: the MAC is the first 50 bits of 5bdcc146bf60754e... in Crockford base32.
    @Test func base32OfKnownHMAC() {
        let digest: [UInt8] = [0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e]
        #expect(Base32.encode(digest, count: 10) == "BFEC2HNZC1")
        #expect(Base32.encode([0xFF, 0xFF], count: 3) == "ZZZ")
        #expect(Base32.encode([0x00, 0x00], count: 3) == "000")
    }

    /// The signer keeps one keyed HMAC per secret and copies it for each MAC: many threads signing at once with
    /// one signer, each MAC computed many times, always give the golden values, and a previous secret still
    /// verifies.
    @Test func oneSignerOnManyThreadsGivesTheSameMACs() async throws {
        let signer = try TokenSigner(secret: "a-new-secret-for-this-test", previousSecrets: [Fixture.secret])
        let old = Fixture.signer
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var same = true
                    for round in 0..<300 {
                        let id = "MR-\(task)X\(round)"
                        same = same && signer.mac(.ticketToken, id) == signer.mac(.ticketToken, id)
                        same = same && (try? old.token(for: "MR-7K4QX2")) == "MR-7K4QX2.H4T467WEY3"
                        same = same && signer.publicID(fromToken: "MR-7K4QX2.H4T467WEY3") == "MR-7K4QX2"
                        same = same && old.mac(.messageID, "MR-7K4QX2.8F3KQ1ZP") == "N9RE08Z544"
                    }
                    return same
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }

    /// Golden values computed independently (Python `hmac` + `hashlib`, the same label and base32 step),
    /// so a change of the signed input or the encoding breaks every token already sent.
    @Test func goldenMACs() throws {
        #expect(try Fixture.signer.token(for: "MR-7K4QX2") == "MR-7K4QX2.H4T467WEY3")
        #expect(Fixture.signer.mac(.messageID, "MR-7K4QX2.8F3KQ1ZP") == "N9RE08Z544")
    }
}
