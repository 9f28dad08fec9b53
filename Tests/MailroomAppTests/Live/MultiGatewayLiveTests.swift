import Foundation
import LiveServerSupport
import MailMessage
import MailroomApp
import MailroomStore
import Testing
import Triage

extension GatewayLiveTests {
    /// Three `mailroom run` processes on one PostgreSQL store and one dovecot mailbox, killed with SIGKILL at
    /// random moments and restarted while 1,000 customer mails and automated ones wait: every mail one ticket,
    /// no reply sent twice with different Message-IDs, no automated mail answered, the hourly limit held.
    @Suite(.enabled(if: PostgresTestServer.isEnabled)) struct MultiGateway {
        static let customers = 1_000
        static let gateways = 3
        /// The flood sender writes six times; `limits.perHour` allows three automatic mails.
        static let floodMails = 6
        static let perHour = 3
        static let seed: UInt64 =
            ProcessInfo.processInfo.environment["MAILROOM_CRASH_SEED"].flatMap { UInt64($0, radix: 16) } ?? 0x3_6A7E

        @Test(.timeLimit(.minutes(6))) func threeGatewaysKilledAtRandomAnswerEachMailOnce() async throws {
            var mailroom = try await LiveMailroom.make("multi")
            defer { mailroom.remove() }
            mailroom.settings.storeURL = try PostgresTestServer.freshURL()
            mailroom.settings.leaseSeconds = 5
            mailroom.settings.pollSeconds = 1
            mailroom.settings.perHour = Self.perHour
            mailroom.settings.smtpConnections = 2
            try mailroom.writeConfiguration()
            let examples = try TestMail.intentExamples()
            let customers = (0..<Self.customers).map { "customer\($0)@multi.example" }
            var mails = customers.enumerated().map { index, customer in
                let example = examples[index % examples.count]
                return TestMail.customer(
                    from: customer, name: "Customer \(index)",
                    subject: String(example.text.prefix(40)).replacingOccurrences(of: "\n", with: " "),
                    text: example.text + "\n\nOrder A-\(index)", messageID: "multi-\(index)@multi.example")
            }
            mails += (0..<Self.floodMails).map { index in
                TestMail.customer(
                    from: "flood@multi.example", name: "Flo Od", subject: "Where is my order #F-\(index)?",
                    text: "Where is my order #F-\(index)? Please tell me when it arrives.",
                    messageID: "flood-\(index)@multi.example")
            }
            let automated = try TestMail.demo().filter { mail in
                ["28-", "29-", "30-", "31-"].contains { mail.name.hasPrefix($0) }
            }
            mails += automated.map(\.bytes)
            try mailroom.user.deliver(mails)

            let outcome = try await killLoop(mailroom)
            #expect(outcome.selfExits.isEmpty, "a gateway ended by itself: \(outcome.selfExits)")
            #expect(try await mailroom.runOnceSucceeding().hasPrefix("stored 0, processed 0, "))

            let store = try mailroom.store()
            // The gateways stopped gracefully: their leases are free at once, for whoever starts next.
            let mailboxLease = try #require(try store.lease(mailbox: mailroom.settings.imapURL + "/INBOX"))
            #expect(mailboxLease.expiresAt <= Date(), "the mailbox lease was not given up: \(mailboxLease)")
            #expect(mailboxLease.token > 1, "the mailbox was never taken over after a kill")
            let total = Self.customers + Self.floodMails + automated.count
            #expect(try store.messageCounts() == ["processed": total], "every mail stored once and processed")
            #expect(try await mailroom.user.count("INBOX") == 0)
            #expect(try await mailroom.user.count("Processed") == total)
            let tickets = try store.ticketSummaries(limit: 10_000)
            let byCustomer = Dictionary(grouping: tickets, by: \.customer).mapValues(\.count)
            let missing = customers.filter { byCustomer[$0] == nil }
            #expect(missing.isEmpty, "customers without a ticket: \(missing.prefix(5)) of \(missing.count)")
            let twice = byCustomer.filter { $0.value > 1 && $0.key != "flood@multi.example" }
            #expect(twice.isEmpty, "customers with two tickets: \(Array(twice.prefix(5)))")

            let sent = try mailroom.sent()
            let outbox = try store.outboxSummaries(limit: 100_000)
            #expect(outbox.allSatisfy { $0.state == .sent }, "\(outbox.filter { $0.state != .sent }.prefix(3))")
            #expect(
                Set(sent.map(\.messageID)).count == outbox.count, "a queued mail never arrived, or an extra one did")
            // No customer mail answered twice with different messages (a re-send after a kill keeps its Message-ID).
            let answers = Dictionary(grouping: sent.filter { $0.recipients != [mailroom.agentsInbox] }) {
                $0.message.inReplyTo ?? ""
            }
            let answeredTwice = answers.filter { Set($0.value.map(\.messageID)).count > 1 }
            #expect(answeredTwice.isEmpty, "answered twice: \(Array(answeredTwice.keys.prefix(5)))")
            for index in 0..<Self.customers {
                #expect(answers["multi-\(index)@multi.example"] != nil, "multi-\(index) got no answer")
            }
            // Automated mail is never answered.
            let automatedSenders = try automated.map { try #require(SenderOf.address($0.bytes)) }
            let toAutomated = sent.filter { mail in mail.recipients.contains { automatedSenders.contains($0) } }
            #expect(toAutomated.isEmpty, "automated mail answered: \(toAutomated.prefix(3))")
            // The flood sender: at most three automatic mails in the hour, whichever gateway decided.
            let toFlood = sent.filter { $0.recipients.contains("flood@multi.example") }
            #expect(Set(toFlood.map(\.messageID)).count <= Self.perHour, "flood sender got \(toFlood.count)")
            print(
                "multi-gateway test: \(outcome.kills) kills (seed \(String(Self.seed, radix: 16))), \(total) mails, "
                    + "\(outbox.count) sent, \(sent.count - Set(sent.map(\.messageID)).count) repeated deliveries "
                    + "(same Message-ID), \(Int(outcome.seconds)) s")
        }

        struct Outcome {
            var kills = 0
            var selfExits: [String] = []
            var seconds = 0.0
        }

        /// Runs three gateways; every 0.3-1.5 s one of them, at random, is killed with SIGKILL and started again,
        /// until the work is done (or 240 s); then all stop gracefully.
        private func killLoop(_ mailroom: LiveMailroom) async throws -> Outcome {
            var random = SeededGenerator(seed: Self.seed)
            var outcome = Outcome()
            var running = try (0..<Self.gateways).map { _ in try mailroom.start(["run"]) }
            let started = ContinuousClock.now
            while ContinuousClock.now - started < .seconds(240) {
                try await Task.sleep(for: .seconds(Double.random(in: 0.3...1.5, using: &random)))
                if outcome.kills < 40 {
                    let victim = Int.random(in: 0..<Self.gateways, using: &random)
                    running[victim].send(SIGKILL)
                    let termination = try await running[victim].wait(timeout: .seconds(30))
                    if termination == .signaled(SIGKILL) {
                        outcome.kills += 1
                    } else {
                        outcome.selfExits.append(
                            "\(termination.map { "\($0)" } ?? "hung"): \(running[victim].output().suffix(1500))")
                    }
                    running[victim] = try mailroom.start(["run"])
                } else if try await isDone(mailroom) {
                    break
                }
            }
            for gateway in running { gateway.send(SIGTERM) }
            for gateway in running {
                let termination = try await gateway.wait(timeout: .seconds(60))
                if termination != .exited(0) {
                    outcome.selfExits.append("on SIGTERM: \(termination.map { "\($0)" } ?? "hung")")
                }
            }
            outcome.seconds = Double((ContinuousClock.now - started).components.seconds)
            return outcome
        }

        private func isDone(_ mailroom: LiveMailroom) async throws -> Bool {
            let store = try mailroom.store()
            let pending = try store.outboxCount(states: [.queued, .sending, .deferred])
            let inbox = try await mailroom.user.count("INBOX")
            return try store.receivedCount() == 0 && pending == 0 && inbox == 0
        }
    }
}

/// The sender of a raw mail (its From address, lower case).
enum SenderOf {
    static func address(_ raw: [UInt8]) -> String? {
        (try? MessageParser.parse(raw))?.from.first?.address.lowercased()
    }
}
