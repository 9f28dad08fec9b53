import Testing

@testable import MailMessage

/// Address fields are parsed once per message and kept by field value: the answers must be what parsing gives,
/// a changed header must be parsed again, and the memo must not change what counts as the same message.
@Suite struct AddressMemoTests {
    private let bytes = Array(
        """
        From: "Doe, Jane" <jane@example.com>\r
        To: support@shop.example, Ops <ops@shop.example>\r
        Cc: undisclosed-recipients:;\r
        Subject: hello\r
        \r
        body\r

        """.utf8)

    @Test func theKeptAddressesAreWhatParsingGives() throws {
        let message = try MessageParser.parse(bytes)
        for field in ["From", "To", "Cc", "Reply-To"] {
            let parsed = message.header.values(field).flatMap { AddressParser.parseList($0).addresses }
            #expect(message.addresses(field) == parsed)
            #expect(message.addresses(field) == parsed, "asked again")
        }
        #expect(message.from.map(\.address) == ["jane@example.com"])
        #expect(message.to.map(\.address) == ["support@shop.example", "ops@shop.example"])
    }

    @Test func aChangedHeaderIsParsedAgain() throws {
        var message = try MessageParser.parse(bytes)
        #expect(message.from.map(\.address) == ["jane@example.com"])
        let index = try #require(message.root.header.fields.firstIndex { $0.hasName("From") })
        message.root.header.fields[index] = HeaderField(name: "From", value: "Bob <bob@example.org>")
        #expect(message.from.map(\.address) == ["bob@example.org"])
        let original = try MessageParser.parse(bytes)
        #expect(original.from.map(\.address) == ["jane@example.com"])
    }

    @Test func askingForAddressesDoesNotChangeEqualityOrHash() throws {
        let asked = try MessageParser.parse(bytes)
        _ = asked.from + asked.to
        let fresh = try MessageParser.parse(bytes)
        #expect(asked == fresh)
        #expect(asked.hashValue == fresh.hashValue)
        #expect(Set([asked, fresh]).count == 1)
    }
}
