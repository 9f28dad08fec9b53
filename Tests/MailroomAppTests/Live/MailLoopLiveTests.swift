import Foundation
import LiveServerSupport
import MailroomStore
import Testing

extension GatewayLiveTests {
    /// Auto-responders on the other side: each mail the sink received for one address is turned into that
    /// responder's answer (`Re:` subject, In-Reply-To our Message-ID) delivered back into the IMAP inbox, and
    /// `run --once` cycles run until nothing new goes out to it.
    @Suite struct MailLoops {
        /// What a cycle run produced.
        struct LoopResult {
            /// Mails to the responder per cycle.
            var perCycle: [Int]
            /// Every mail the responder got.
            var received: [SentMail]
        }

        /// Runs up to `maxCycles` cycles; `answer` writes the responder's reply to one of our mails.
        static func runLoop(
            _ mailroom: LiveMailroom, responder: String, maxCycles: Int, answer: (SentMail) -> [UInt8]
        ) async throws -> LoopResult {
            var answered: Set<String> = []
            var perCycle: [Int] = []
            for _ in 0..<maxCycles {
                try await mailroom.runOnceSucceeding()
                let new = try mailroom.sent(to: responder).filter { !answered.contains($0.file.name) }
                perCycle.append(new.count)
                if new.isEmpty { break }
                try mailroom.user.deliver(new.map(answer))
                answered.formUnion(new.map(\.file.name))
            }
            return LoopResult(perCycle: perCycle, received: try mailroom.sent(to: responder))
        }

        /// Every event of the tickets of `customer`.
        static func events(_ mailroom: LiveMailroom, customer: String) throws -> [EventSummary] {
            let store = try mailroom.store()
            return try store.ticketSummaries(limit: 1000).filter { $0.customer == customer }
                .flatMap { try store.events(ticket: $0.publicID) }
        }

        static let questions = [
            ("Where is my order #A10-48213?", "Where is my order #A10-48213? The tracking page has not changed."),
            ("Payment by bank transfer", "Which payment methods do you accept? Can I pay by bank transfer?"),
            ("Cannot sign up", "i cannot sign up, the registration page says error 500 every time"),
            ("Second address", "How do I add a second shipping address to my account?"),
            ("Review", "Where can I leave a review for the lamp I bought?"),
        ]

        @Test(arguments: LiveMailroom.Store.available)
        func humanLookingAutoResponderStopsAtTheHourlyLimit(_ store: LiveMailroom.Store) async throws {
            let mailroom = try await LiveMailroom.make("loop", store: store)
            defer { mailroom.remove() }
            let bot = "pat.jones@partner.example"
            try mailroom.user.deliver(
                Self.questions.map { subject, text in
                    TestMail.customer(
                        from: bot, name: "Pat Jones", subject: subject, text: text,
                        messageID: TestMail.newMessageID("pat", domain: "partner.example"))
                })
            let loop = try await Self.runLoop(mailroom, responder: bot, maxCycles: 8) { mail in
                // No Auto-Submitted, no X-Autoreply, a human subject and text: it looks like a person.
                TestMail.reply(
                    to: mail, from: bot, name: "Pat Jones",
                    text: "Thank you for your email. I have received it and will get back to you shortly.\n\nPat",
                    messageID: TestMail.newMessageID("pat", domain: "partner.example"), quoteOriginal: false)
            }
            #expect(loop.perCycle.last == 0 && loop.perCycle.count <= 4, "the loop did not end: \(loop.perCycle)")
            #expect(loop.received.count == 3, "automatic mail beyond the hourly limit: \(loop.received)")
            #expect(loop.received.allSatisfy { $0.header("Auto-Submitted") == "auto-replied" })
            let events = try Self.events(mailroom, customer: bot)
            let limited = events.filter { $0.type == "suppressed" && $0.reason == "rateLimited" }
            // Two of the five questions and each of the three answers the responder sent came after the limit.
            #expect(limited.count == 5, "\(events.filter { $0.type == "suppressed" })")
            let agents = try mailroom.sent(to: mailroom.agentsInbox)
            #expect(agents.isEmpty, "the agents were flooded: \(agents)")
            #expect(try mailroom.store().messageCounts() == ["processed": 8])
        }

        @Test func rfc3834AutoResponderGetsNothing() async throws {
            let mailroom = try await LiveMailroom.make("ooo")
            defer { mailroom.remove() }
            let customer = "lee.morgan@partner.example"
            try mailroom.user.deliver([
                TestMail.customer(
                    from: customer, name: "Lee Morgan", subject: Self.questions[0].0, text: Self.questions[0].1,
                    messageID: TestMail.newMessageID("lee", domain: "partner.example"))
            ])
            try await mailroom.runOnceSucceeding()
            #expect(try mailroom.sent(to: customer).count == 1, "the person's question was not answered")
            let loop = try await Self.runLoop(mailroom, responder: customer, maxCycles: 4) { mail in
                TestMail.reply(
                    to: mail, from: customer, name: "Lee Morgan",
                    text: "I am out of the office until Monday with no access to email.",
                    messageID: TestMail.newMessageID("lee", domain: "partner.example"), quoteOriginal: false,
                    extraHeaders: ["Auto-Submitted: auto-replied"])
            }
            #expect(loop.perCycle == [1, 0], "the auto-responder was answered: \(loop.perCycle)")
            #expect(loop.received.count == 1)
            let events = try Self.events(mailroom, customer: customer)
            #expect(events.contains { $0.type == "suppressed" && $0.reason == "autoReply" }, "\(events)")
            #expect(try mailroom.sent(to: mailroom.agentsInbox).isEmpty)
        }
    }
}
