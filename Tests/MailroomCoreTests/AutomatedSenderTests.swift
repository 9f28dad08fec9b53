import Testing

@testable import MailroomCore

@Suite struct AutomatedSenderTests {
    @Test(
        arguments: [
            ("MAILER-DAEMON@mx.example", "mailer-daemon"),
            ("mailer_daemon@mx.example", "mailerdaemon"),
            ("postmaster@shop.example", "postmaster"),
            ("postmaster+abc@shop.example", "postmaster"),
            ("noreply@shop.example", "noreply"),
            ("no-reply@shop.example", "noreply"),
            ("no_reply@shop.example", "noreply"),
            ("no.reply@shop.example", "noreply"),
            ("NoReply@Shop.Example", "noreply"),
            ("<no-reply@shop.example>", "noreply"),
            ("donotreply@shop.example", "donotreply"),
            ("do-not-reply@shop.example", "donotreply"),
            ("do_not.reply@shop.example", "donotreply"),
            ("do-notreply@shop.example", "donotreply"),
            ("orders-noreply@shop.example", "noreply"),
            ("noreply.notifications@shop.example", "noreply"),
            ("no-reply+tracking@shop.example", "noreply"),
            ("bounce@lists.example", "bounce"),
            ("bounces@lists.example", "bounces"),
            ("bounce+anna=customer.example@lists.example", "bounce+"),
            ("bounces-1234-anna@lists.example", "bounces-"),
            ("bounce-x@esp.example", "bounce-"),
        ] as [(String, String?)])
    func recognisesMachines(address: String, pattern: String?) {
        #expect(AutomatedSender.match(address) == pattern)
        #expect(AutomatedSender.isAutomated(address))
    }

    @Test(arguments: [
        "anna@customer.example", "reply@customer.example", "noah@customer.example", "norbert.reply@c.example",
        "nor.eply@c.example", "bouncer@club.example", "bouncy-castle@toys.example", "post.master.chef@c.example",
        "donot@c.example", "daemon@c.example", "mailer@c.example", "", "@", "snoreply@c.example",
        "info@noreply.example",
    ])
    func leavesPeopleAlone(address: String) {
        #expect(AutomatedSender.match(address) == nil)
    }
}
