import Testing

@testable import MailMessage

@Suite struct AddressParserTests {
    @Test(arguments: [
        ("john@example.com", [Address(address: "john@example.com")]),
        ("John Doe <john@example.com>", [Address(name: "John Doe", address: "john@example.com")]),
        ("\"Doe, John\" <john@example.com>", [Address(name: "Doe, John", address: "john@example.com")]),
        ("John Q. Public <jqp@example.com>", [Address(name: "John Q. Public", address: "jqp@example.com")]),
        ("john@example.com (John Doe)", [Address(name: "John Doe", address: "john@example.com")]),
        ("=?UTF-8?Q?J=C3=B6rg?= <jorg@example.de>", [Address(name: "Jörg", address: "jorg@example.de")]),
        ("\"=?UTF-8?Q?J=C3=B6rg?=\" <jorg@example.de>", [Address(name: "Jörg", address: "jorg@example.de")]),
        ("<@route.example:user@example.com>", [Address(address: "user@example.com")]),
        (
            "a@x.org, \"B\" <b@y.org>; c@z.org",
            [Address(address: "a@x.org"), Address(name: "B", address: "b@y.org"), Address(address: "c@z.org")]
        ),
        (
            "Team: ann@x.org, bob@x.org;, carol@y.org",
            [Address(address: "ann@x.org"), Address(address: "bob@x.org"), Address(address: "carol@y.org")]
        ),
        ("undisclosed-recipients:;", []),
        // Broken but common: an address as display name, '@' unquoted in the name, an unquoted comma in a name.
        ("alice@example.com <bob@example.com>", [Address(name: "alice@example.com", address: "bob@example.com")]),
        ("Doe, John <john@example.com>", [Address(name: "Doe, John", address: "john@example.com")]),
        // Two bare addresses separated only by a space.
        (
            "tim@example.com concierge@example.com",
            [Address(address: "tim@example.com"), Address(address: "concierge@example.com")]
        ),
        ("Jöhn Doe <jdöe@mächine.example>", [Address(name: "Jöhn Doe", address: "jdöe@mächine.example")]),
        ("<>", []),
        // No brackets: the words before the address are a display name; spaces around '@' are obsolete CFWS.
        ("Big Bug bb@bug.com", [Address(name: "Big Bug", address: "bb@bug.com")]),
        ("john @ example.com", [Address(address: "john@example.com")]),
    ])
    func parsesLists(value: String, expected: [Address]) {
        #expect(AddressParser.parseList(value).addresses == expected)
    }

    @Test func reportsUnreadableEntries() {
        let result = AddressParser.parseList("valid@example.com, <>, ")
        #expect(result.addresses == [Address(address: "valid@example.com")])
    }

    @Test func addressParts() {
        let address = Address(name: nil, address: "Some.One@Example.COM")
        #expect(address.localPart == "Some.One")
        #expect(address.domain == "example.com")
        #expect(address.normalized == "some.one@example.com")
    }
}
