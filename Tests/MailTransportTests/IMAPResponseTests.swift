import Testing

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

    @Test func uidValidityOfExamine() {
        #expect(IMAPBulkSession.uidValidity("* OK [UIDVALIDITY 1700000000] UIDs valid") == 1_700_000_000)
        #expect(IMAPBulkSession.uidValidity("* OK [UIDNEXT 5] Predicted next UID") == nil)
    }
}
