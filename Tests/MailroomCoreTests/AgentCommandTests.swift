import Testing

@testable import MailroomCore

@Suite struct AgentCommandTests {
    @Test(arguments: [
        ("#note customer is a VIP", AgentCommand.note("customer is a VIP")),
        ("  #NOTE: check the order\nand the invoice  \n\n", .note("check the order\nand the invoice")),
        ("\n\n\t#Note\nsecond line", .note("second line")),
        ("#note", .note("")),
        ("#close", .close(reply: nil)),
        ("#close   \n\n  \n", .close(reply: nil)),
        ("#CLOSE Thanks, I refunded the order.", .close(reply: "Thanks, I refunded the order.")),
        (
            "#close\r\n\r\nHello Anna,\r\nthe refund is on its way.\r\n",
            .close(reply: "Hello Anna,\nthe refund is on its way.")
        ),
        ("#template refund-policy", .template(name: "refund-policy", note: nil)),
        ("  #Template  shipping_times.v2  \n", .template(name: "shipping_times.v2", note: nil)),
        ("#template refund-policy\n--\nJohn, Support", .template(name: "refund-policy", note: "--\nJohn, Support")),
        ("#template", .invalid(command: "#template", problem: "missing template name")),
        ("#template refünd", .invalid(command: "#template", problem: "invalid template name")),
        ("#closed", .invalid(command: "#closed", problem: "unknown command")),
        ("#notes are here", .invalid(command: "#notes", problem: "unknown command")),
        ("#note-to-self", .invalid(command: "#note-to-self", problem: "unknown command")),
        ("#escalate now", .invalid(command: "#escalate", problem: "unknown command")),
        ("Hello Anna,\n\nyour parcel left today.\n", .answer("Hello Anna,\n\nyour parcel left today.")),
        ("#1 check the cable\n#2 restart", .answer("#1 check the cable\n#2 restart")),
        ("# Heading", .answer("# Heading")),
        ("Thanks!\n#close", .answer("Thanks!\n#close")),
        ("", .answer("")),
        ("\u{FEFF}#close", .close(reply: nil)),
    ])
    func parses(text: String, expected: AgentCommand) {
        #expect(AgentCommand.parse(text) == expected)
    }
}

@Suite struct SendDraftCommandTests {
    @Test func sendDraftIsACommandThatReachesTheCustomer() {
        #expect(AgentCommand.parse("#send-draft") == .sendDraft(note: nil))
        #expect(AgentCommand.parse("#Send-Draft: looked fine\nthanks") == .sendDraft(note: "looked fine\nthanks"))
        #expect(AgentCommand.parse("#send-draft").reachesCustomer)
        if case .invalid = AgentCommand.parse("#send-drafts") {} else { Issue.record("a typo must be refused") }
        if case .invalid = AgentCommand.parse("#send") {} else { Issue.record("#send alone is no command") }
    }
}
