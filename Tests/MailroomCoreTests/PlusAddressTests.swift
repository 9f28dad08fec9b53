import MailMessage
import Testing

@testable import MailroomCore

@Suite struct PlusAddressTests {
    private let plus = Fixture.plusAddress

    @Test func addressCarriesTheSignedToken() throws {
        #expect(try plus.address(for: "MR-7K4QX2") == "support+MR-7K4QX2.H4T467WEY3@support.example")
    }

    @Test(
        arguments: [
            ("support+MR-7K4QX2.H4T467WEY3@support.example", "MR-7K4QX2"),
            ("<support+MR-7K4QX2.H4T467WEY3@support.example>", "MR-7K4QX2"),
            ("SUPPORT+mr-7k4qx2.h4t467wey3@Support.Example", "MR-7K4QX2"),
            ("support+MR-7K4QX2.H4T467WEY@support.example", nil),  // truncated MAC
            ("support+MR-7K4QX3.H4T467WEY3@support.example", nil),  // other id
            ("support+MR-7K4QX2.H4T467WEY3@other.example", nil),  // other domain
            ("sales+MR-7K4QX2.H4T467WEY3@support.example", nil),  // other mailbox
            ("supportx+MR-7K4QX2.H4T467WEY3@support.example", nil),
            ("support@support.example", nil),
            ("support+@support.example", nil),
            ("support-MR-7K4QX2.H4T467WEY3@support.example", nil),  // other separator
        ] as [(String, String?)])
    func recognisesTokenAddresses(address: String, expected: String?) {
        #expect(plus.publicID(inAddress: address) == expected)
    }

    @Test func separatorIsConfigurable() throws {
        let dash = try PlusAddress(supportAddress: "Help.Desk@Support.Example", separator: "-", signer: Fixture.signer)
        let address = try dash.address(for: "MR-7K4QX2")
        #expect(address == "Help.Desk-MR-7K4QX2.H4T467WEY3@support.example")
        #expect(dash.publicID(inAddress: address.lowercased()) == "MR-7K4QX2")
        #expect(dash.publicID(inAddress: "help.desk+MR-7K4QX2.H4T467WEY3@support.example") == nil)
    }

    @Test(arguments: ["support", "@support.example", "sup port@support.example", "\"s\"@support.example", "support@"])
    func invalidSupportAddressesAreRejected(address: String) {
        #expect(throws: InvalidInputError.address) { try PlusAddress(supportAddress: address, signer: Fixture.signer) }
    }

    @Test func invalidSeparatorIsRejected() {
        #expect(throws: InvalidInputError.separator) {
            try PlusAddress(supportAddress: "support@support.example", separator: ".", signer: Fixture.signer)
        }
    }

    /// Where the sub-address appears: each header the receiving server or the sender may use.
    @Test(arguments: ["To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"])
    func findsTheTokenInEachRecipientField(field: String) throws {
        let address = try plus.address(for: "MR-7K4QX2")
        let message = try Fixture.message(
            "From: anna@customer.example\nTo: Support <support@support.example>\n\(field): \(address)\n\nHi")
        #expect(plus.ticket(in: message, envelopeRecipient: nil) == "MR-7K4QX2")
    }

    @Test func envelopeRecipientIsSearchedFirst() throws {
        let message = try Fixture.message(
            "From: a@c.example\nTo: \(try plus.address(for: "MR-TO1"))\nDelivered-To: \(try plus.address(for: "MR-DT2"))\n\nHi"
        )
        let envelope = "<\(try plus.address(for: "MR-ENV3"))>"
        #expect(plus.ticket(in: message, envelopeRecipient: envelope) == "MR-ENV3")
        #expect(plus.ticket(in: message, envelopeRecipient: nil) == "MR-DT2")
        #expect(plus.publicIDs(in: message, envelopeRecipient: envelope) == ["MR-ENV3", "MR-DT2", "MR-TO1"])
    }

    @Test func forgedTokenInToIsIgnored() throws {
        let message = try Fixture.message(
            "From: a@c.example\nTo: support+MR-7K4QX2.0000000000@support.example\n\nHi")
        #expect(plus.ticket(in: message, envelopeRecipient: "support@support.example") == nil)
    }
}
