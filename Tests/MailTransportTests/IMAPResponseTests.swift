import Testing
import Triage

@testable import MailTransport

@Suite struct IMAPResponseTests {
    @Test func searchLinesGiveUIDsInOrder() {
        let text = "* SEARCH 3 7 12\r\n* SEARCH 2000\r\n"
        #expect(IMAPResponse.searchResults(text) == [3, 7, 12, 2000])
    }

    @Test func searchKeepsTheLastUIDWithoutNewline() {
        // The pitfall from the notes: "\r\n" is one Character; the last UID must not be dropped.
        #expect(IMAPResponse.searchResults("* SEARCH 1 2000\r\n") == [1, 2000])
        #expect(IMAPResponse.searchResults("* SEARCH 1 2000") == [1, 2000])
    }

    @Test func emptySearch() {
        #expect(IMAPResponse.searchResults("* SEARCH\r\n").isEmpty)
    }

    @Test func esearchAllExpandsTheSet() {
        let text = "* ESEARCH (TAG \"A004\") UID ALL 1:3,6\r\n"
        #expect(IMAPResponse.searchResults(text) == [1, 2, 3, 6])
    }

    @Test func esearchWithoutMatchesIsEmpty() {
        #expect(IMAPResponse.searchResults("* ESEARCH (TAG \"A005\") UID\r\n").isEmpty)
    }

    @Test func statusParsesAllAttributes() throws {
        let text = "* STATUS \"Proc essed\" (MESSAGES 10 UIDNEXT 11 UIDVALIDITY 1795256898 UNSEEN 4)\r\n"
        let status = try #require(IMAPResponse.status(text))
        #expect(status == MailboxStatus(uidValidity: 1_795_256_898, uidNext: 11, messages: 10, unseen: 4))
    }

    @Test func statusWithoutUIDValidityIsNil() {
        #expect(IMAPResponse.status("* STATUS INBOX (MESSAGES 1 UIDNEXT 2)\r\n") == nil)
    }

    @Test func fetchSizesIgnoreItemOrderAndFlags() {
        let text = """
            * 1 FETCH (UID 5 RFC822.SIZE 2417)\r
            * 2 FETCH (FLAGS (\\Seen \\Recent) RFC822.SIZE 25600000 UID 9)\r
            * 3 FETCH (FLAGS (\\Seen))\r

            """
        #expect(IMAPResponse.fetchSizes(text) == [5: 2417, 9: 25_600_000])
    }

    @Test func aSizeBeyondIntMaxIsClampedNotATrap() {
        // `Int(size)` trapped on a size past Int.max: one line from the server stopped intake.
        let text = "* 1 FETCH (UID 5 RFC822.SIZE 18446744073709551615)\r\n* 2 FETCH (UID 6 RFC822.SIZE 9)\r\n"
        #expect(IMAPResponse.fetchSizes(text) == [5: Int.max, 6: 9])
        #expect(IMAPResponse.fetchSizesByCharacter(text) == [5: Int.max, 6: 9])
    }

    /// The listing is read on its bytes; the character reader defines the result, line by line.
    @Test func fetchSizesOnBytesAgreeWithTheCharacterReader() {
        var generator = SeededGenerator(seed: 12)
        let words = [
            "*", "*", "*", "1", "2", "FETCH", "fetch", "Fetch", "FETCHES", "(UID", "UID", "uid", "(RFC822.SIZE",
            "RFC822.SIZE", "rfc822.size", "RFC822.SIZE)", "5", "77", "0", "007", "4294967296", "18446744073709551615",
            "18446744073709551616", "+5", "-0", "-5", "+", "(FLAGS", "FLAGS", "(\\Seen", "\\Seen)", "(\\Seen)", "()",
            "(", ")", "))", "((", "5)", "(5", "é", "UÍD", "12é", "\u{301}", "BODY[]", "{12}", "x",
        ]
        let separators = [" ", " ", " ", " ", "  ", "\r\n", "\n", "\r", "\t"]
        for _ in 0..<4000 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<30, using: &generator) {
                text += words.randomElement(using: &generator)! + separators.randomElement(using: &generator)!
            }
            if Bool.random(using: &generator) {
                // A well-formed line among the noise, in either order.
                text +=
                    Bool.random(using: &generator)
                    ? "* 3 FETCH (UID 8 RFC822.SIZE 99)" : "* 3 fetch (rfc822.size 1 uid 2)"
            }
            #expect(
                IMAPResponse.fetchSizes(text) == IMAPResponse.fetchSizesByCharacter(text), "\(text.debugDescription)")
        }
    }

    @Test func fetchFlags() {
        let text = "* 4 FETCH (UID 12 FLAGS (\\Seen $Processed))\r\n"
        #expect(IMAPResponse.fetchFlags(text) == [12: [.seen, MessageFlag(rawValue: "$Processed")]])
    }

    @Test func capabilitiesFromUntaggedLineAndResponseCode() {
        let untagged = "* CAPABILITY IMAP4rev1 IDLE move UIDPLUS ESEARCH\r\n"
        #expect(IMAPResponse.capabilities(untagged) == ["IMAP4REV1", "IDLE", "MOVE", "UIDPLUS", "ESEARCH"])
        let code = "A001 OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n"
        #expect(IMAPResponse.capabilities(code) == ["IMAP4REV1", "IDLE"])
    }

    @Test(
        arguments: [
            ("A003 NO [NONEXISTENT] Mailbox doesn't exist: Foo", "A003", IMAPResponse.Tagged.Status.no, "NONEXISTENT"),
            ("B12 OK Logged in", "B12", .ok, nil),
            ("a7 bad [CLIENTBUG] Error in IMAP command", "a7", .bad, "CLIENTBUG"),
        ] as [(String, String, IMAPResponse.Tagged.Status, String?)])
    func taggedLines(line: String, tag: String, status: IMAPResponse.Tagged.Status, code: String?) throws {
        let tagged = try #require(IMAPResponse.tagged(Substring(line)))
        #expect(tagged.tag == tag)
        #expect(tagged.status == status)
        #expect(tagged.code == code)
    }

    @Test func untaggedLinesAreNotTagged() {
        #expect(IMAPResponse.tagged("* OK [ALERT] hello") == nil)
        #expect(IMAPResponse.tagged("+ idling") == nil)
        #expect(IMAPResponse.tagged("12 OK odd") == nil)
    }

    @Test(arguments: [
        ("* 12 EXISTS", true), ("* 3 EXPUNGE", true), ("* 4 FETCH (FLAGS (\\Seen))", true), ("* 1 RECENT", true),
        ("* OK Still here", false), ("+ idling", false), ("* BYE Server shutting down", false),
    ])
    func idlePushes(line: String, isChange: Bool) {
        #expect(IMAPIdler.isChange(line) == isChange)
    }
}

@Suite struct IMAPBulkFetchParsingTests {
    @Test func literalLengths() {
        #expect(RawIMAPSession.literalLength(Array("* 1 FETCH (UID 7 BODY[] {2417}".utf8)) == 2417)
        #expect(RawIMAPSession.literalLength(Array("a1 APPEND INBOX {12+}".utf8)) == 12)
        #expect(RawIMAPSession.literalLength(Array("* 1 FETCH (UID 7 BODY[] {}".utf8)) == nil)
        #expect(RawIMAPSession.literalLength(Array("* OK {abc}".utf8)) == nil)
        #expect(RawIMAPSession.literalLength(Array("* OK done".utf8)) == nil)
        #expect(RawIMAPSession.literalLength(Array("{9999999999999}".utf8)) == nil)
    }

    @Test func theUIDOfABodyBeforeOrAfterIt() {
        let body: [UInt8]? = Array("x".utf8)
        let before = IMAPBulkSession.fetchedBody((["* 3 FETCH (UID 12 BODY[] {1}", ")"], [body]))
        #expect(before?.0 == 12 && before?.1 == body)
        let after = IMAPBulkSession.fetchedBody((["* 3 FETCH (BODY[] {1}", " UID 14)"], [body]))
        #expect(after?.0 == 14)
        // Flag updates and other untagged answers carry no body.
        #expect(IMAPBulkSession.fetchedBody((["* 3 FETCH (FLAGS (\\Seen) UID 12)"], [])) == nil)
        #expect(IMAPBulkSession.fetchedBody((["* 3 EXISTS"], [])) == nil)
        #expect(IMAPBulkSession.fetchedBody((["* 3 FETCH (BODY[] {1}", ")"], [body])) == nil)
    }

    /// A fetch response is read on its bytes; the character reader defines the result.
    @Test func fetchedBodyOnBytesAgreesWithTheCharacterReader() {
        var generator = SeededGenerator(seed: 5)
        let words = [
            "*", "* ", "3", "FETCH", "fetch", "(", ")", "(UID", "UID", "uid", "Uid", "12", "007", "4294967295",
            "4294967296", "+12", "-0", "BODY[]", "body[]", "{1}", "BODY[]{1}", "(FLAGS", "(\\Seen)", "UID12", "é",
            "ÜID", "12é", "\r\n", "x",
        ]
        let separators = [" ", " ", " ", "", "(", ")"]
        let body: [UInt8]? = Array("x".utf8)
        for _ in 0..<4000 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                var line = ""
                for _ in 0..<Int.random(in: 0..<10, using: &generator) {
                    line += words.randomElement(using: &generator)! + separators.randomElement(using: &generator)!
                }
                lines.append(line)
            }
            if Bool.random(using: &generator) { lines[0] = "* 3 FETCH (" + lines[0] + " BODY[] {1}" }
            let literals = Bool.random(using: &generator) ? [body] : Bool.random(using: &generator) ? [] : [body, body]
            let fast = IMAPBulkSession.fetchedBody((lines, literals))
            let slow = IMAPBulkSession.fetchedBodyByCharacter((lines, literals))
            #expect(fast?.0 == slow?.0 && fast?.1 == slow?.1, "\(lines)")
        }
    }

    @Test func uidValidityOfExamine() {
        #expect(IMAPBulkSession.uidValidity("* OK [UIDVALIDITY 1700000000] UIDs valid") == 1_700_000_000)
        #expect(IMAPBulkSession.uidValidity("* OK [UIDNEXT 5] Predicted next UID") == nil)
    }
}
