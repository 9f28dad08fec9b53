import Foundation
import LiveServerSupport
import MailroomApp
import MailroomStore
import Testing
import Triage

extension GatewayLiveTests {
    /// `mailroom run` killed with SIGKILL at random moments while 300 customer mails arrive, then restarted,
    /// until everything is done: nothing lost, nothing processed twice, no reply sent twice (a reply re-sent after
    /// a kill between the server's acceptance and the commit of `sent` must keep its Message-ID).
    @Suite struct CrashSafety {
        static let messages = 300
        static let wave = 10
        /// The kill moments' seed: fixed, or `MAILROOM_CRASH_SEED` (hex) to try others.
        static let seed: UInt64 =
            ProcessInfo.processInfo.environment["MAILROOM_CRASH_SEED"].flatMap { UInt64($0, radix: 16) } ?? 0x5EED_CAFE

        /// What the kill loop did.
        struct Kills {
            var kills = 0
            /// Kills after which work was left (mail in the INBOX, stored but unprocessed, or unsent).
            var withWorkLeft = 0
            var selfExits: [String] = []
        }

        @Test(.timeLimit(.minutes(5))) func killedAtRandomMomentsNothingIsLostOrSentTwice() async throws {
            var mailroom = try await LiveMailroom.make("crash")
            defer { mailroom.remove() }
            mailroom.settings.pollSeconds = 1
            try mailroom.writeConfiguration()
            let examples = try TestMail.intentExamples()
            try #require(examples.count >= Self.messages)
            let mails = (0..<Self.messages).map { index in
                let example = examples[index]
                return (
                    customer: "customer\(index)@crash.example",
                    bytes: TestMail.customer(
                        from: "customer\(index)@crash.example", name: "Customer \(index)",
                        subject: String(example.text.prefix(40)).replacingOccurrences(of: "\n", with: " "),
                        text: example.text, messageID: "crash-\(index)@crash.example")
                )
            }
            let kills = try await killLoop(mailroom, mails: mails.map(\.bytes))
            #expect(kills.selfExits.isEmpty, "mailroom run ended by itself: \(kills.selfExits)")
            #expect(try await mailroom.runOnceSucceeding().hasPrefix("stored 0, processed 0, "))
            try await checkNothingLost(mailroom, customers: mails.map(\.customer))
            let duplicates = try checkNothingSentTwice(mailroom)
            let recovered = try interruptedSends(mailroom)
            #expect(duplicates <= recovered, "a message was delivered twice without an interrupted send")
            print(
                "crash test: \(kills.kills) kills (\(kills.withWorkLeft) with work left; seed "
                    + "\(String(Self.seed, radix: 16))), \(Self.messages) messages, "
                    + "\(try mailroom.store().outboxSummaries(limit: 10_000).count) mails sent, "
                    + "\(recovered) interrupted sends re-sent, \(duplicates) duplicate deliveries (same Message-ID)")
        }

        /// The crash window between the commit of a message and its move to Processed, made exact: the message
        /// is stored (as the killed run left it) but still in the INBOX, below the checkpoint.
        @Test func committedButUnmovedMailIsMovedAndProcessedOnce() async throws {
            let mailroom = try await LiveMailroom.make("unmoved")
            defer { mailroom.remove() }
            let message = TestMail.customer(
                from: "olivia@example.com", name: "Olivia", subject: "Where is my order #A10-48213?",
                text: "Where is my order #A10-48213? The tracking page has not changed.",
                messageID: "unmoved@example.com")
            try mailroom.user.deliver([message])
            let client = try mailroom.user.client()
            let validity = try await client.status().uidValidity
            await client.close()
            let stored = try mailroom.store().ingest(
                IngestRequest(
                    raw: message, source: "imap", mailbox: mailroom.settings.imapURL + "/INBOX", uidValidity: validity,
                    uid: 1, receivedAt: Date()))
            #expect(stored == .stored(rowID: 1))
            #expect(try await mailroom.runOnceSucceeding() == "stored 0, processed 1, send attempts 1")
            #expect(try await mailroom.user.count("INBOX") == 0, "committed mail left in the INBOX")
            #expect(try await mailroom.user.count("Processed") == 1)
            #expect(try mailroom.store().messageCounts() == ["processed": 1])
            #expect(try mailroom.sent(to: "olivia@example.com").count == 1)
            #expect(try await mailroom.runOnceSucceeding() == "stored 0, processed 0, send attempts 0")
        }

        /// Starts `mailroom run`, delivers the next wave, kills it with SIGKILL after 0.2-2 s; again until every
        /// mail is delivered and the mailbox, the processing queue and the outbox are empty (at most 150 kills or
        /// 170 s).
        private func killLoop(_ mailroom: LiveMailroom, mails: [[UInt8]]) async throws -> Kills {
            var random = SeededGenerator(seed: Self.seed)  // the kill moments repeat from run to run
            var kills = Kills()
            var delivered = 0
            let started = ContinuousClock.now
            while kills.kills < 150, ContinuousClock.now - started < .seconds(170) {
                let gateway = try mailroom.start(["run"])
                let lifetime = Double.random(in: 0.2...2.0, using: &random)
                let firstPart = lifetime * Double.random(in: 0...1, using: &random)
                try await Task.sleep(for: .seconds(firstPart))
                if delivered < mails.count {
                    let next = min(mails.count, delivered + Self.wave)
                    try mailroom.user.deliver(Array(mails[delivered..<next]))
                    delivered = next
                }
                try await Task.sleep(for: .seconds(lifetime - firstPart))
                gateway.send(SIGKILL)
                let termination = try await gateway.wait(timeout: .seconds(30))
                if termination == .signaled(SIGKILL) {
                    kills.kills += 1
                } else {
                    kills.selfExits.append("\(termination.map { "\($0)" } ?? "hung"): \(gateway.output().suffix(1500))")
                }
                let done = try await isDone(mailroom)
                if !done { kills.withWorkLeft += 1 }
                if delivered == mails.count, done { break }
            }
            let done = try await isDone(mailroom)
            #expect(delivered == mails.count && done, "not done after \(kills.kills) kills")
            return kills
        }

        private func isDone(_ mailroom: LiveMailroom) async throws -> Bool {
            let store = try mailroom.store()
            let pending = try store.outboxSummaries(states: [.queued, .sending, .deferred])
            let inbox = try await mailroom.user.count("INBOX")
            return try store.receivedCount() == 0 && pending.isEmpty && inbox == 0
        }

        /// Every delivered message is stored once, processed once, has one ticket, and was answered once.
        private func checkNothingLost(_ mailroom: LiveMailroom, customers: [String]) async throws {
            let store = try mailroom.store()
            #expect(try store.messageCounts() == ["processed": Self.messages], "stored messages = delivered")
            #expect(try await mailroom.user.count("Processed") == Self.messages)
            let tickets = try store.ticketSummaries(limit: 10_000)
            #expect(tickets.count == Self.messages)
            #expect(Set(tickets.map(\.customer)) == Set(customers), "one ticket per message")
            for ticket in tickets {
                let events = try store.events(ticket: ticket.publicID)
                #expect(events.filter { $0.type == "opened" }.count == 1, "\(ticket.publicID) opened twice")
                #expect(events.filter { $0.type == "classified" }.count == 1, "\(ticket.publicID) processed twice")
            }
            // By Message-ID: each customer message got exactly one answer (auto-reply or acknowledgement).
            let answers = Dictionary(grouping: try mailroom.sent().filter { $0.recipients != [mailroom.agentsInbox] }) {
                $0.message.inReplyTo ?? ""
            }
            for index in 0..<Self.messages {
                let ids = Set(answers["crash-\(index)@crash.example", default: []].map(\.messageID))
                #expect(ids.count == 1, "crash-\(index): \(ids.count) different answers")
            }
        }

        /// No (purpose, ticket) was sent as two different messages; returns how many deliveries repeated a
        /// Message-ID (a send interrupted after the server accepted it, re-sent on restart).
        private func checkNothingSentTwice(_ mailroom: LiveMailroom) throws -> Int {
            let sent = try mailroom.sent()
            let outbox = try mailroom.store().outboxSummaries(limit: 10_000)
            #expect(outbox.allSatisfy { $0.state == .sent }, "\(outbox.filter { $0.state != .sent })")
            #expect(
                Set(sent.map(\.messageID)).count == outbox.count, "a queued mail never arrived, or an extra one did")
            let byPurpose = Dictionary(grouping: sent) { mail in
                "\(mail.ticketID ?? "?") \(mail.recipients == [mailroom.agentsInbox] ? "agents" : "customer")"
            }
            for (key, mails) in byPurpose {
                #expect(Set(mails.map(\.messageID)).count == 1, "\(key) sent as different messages: \(mails)")
            }
            return sent.count - Set(sent.map(\.messageID)).count
        }

        /// How many sends a restart found interrupted (`sending`) and queued again. Each SMTP connection claims
        /// `outbox.claimBatch` messages at a time, so no restart may find more than `smtp.connections` times that
        /// (the defaults here).
        private func interruptedSends(_ mailroom: LiveMailroom) throws -> Int {
            let store = try mailroom.store()
            let interrupted = try store.ticketSummaries(limit: 10_000).flatMap { ticket in
                try store.events(ticket: ticket.publicID).filter { $0.reason == "interrupted" }
            }
            let perRestart = Dictionary(grouping: interrupted, by: \.at).mapValues(\.count)
            #expect(
                perRestart.values.allSatisfy {
                    $0 <= SMTPSettings.defaultConnections * OutboxSettings.defaultClaimBatch
                },
                "rows left sending by one kill: \(perRestart.values)")
            return interrupted.count
        }
    }
}
