import Foundation
import LiveServerSupport
import MailroomStore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension GatewayLiveTests {
    /// The demo mails through `run --once`, a follow-up, an agent's answer, feedback yes and no through the
    /// running server, then `mailroom stats --json` checked value by value against what the sink received.
    @Suite struct KPIs {
        @Test func statsAfterTheDemoAFollowUpAnAgentsAnswerAndFeedback() async throws {
            var mailroom = try await LiveMailroom.make("kpi")
            defer { mailroom.remove() }
            mailroom.settings.httpPort = try freePort()
            try mailroom.writeConfiguration()
            try mailroom.user.deliver(try TestMail.demo().map(\.bytes))
            #expect(try await mailroom.runOnceSucceeding().hasPrefix("stored 36, processed 36, "))
            let first = try mailroom.sent()
            // Automatic answers carry a feedback link (acknowledgements do not); escalations go to the agents.
            let answers = first.filter {
                $0.header("Auto-Submitted") == "auto-replied" && $0.text.contains("/feedback/")
            }
            let answered = Set(answers.flatMap(\.recipients))
            let escalatedFirst = Set(first.filter { $0.recipients == [mailroom.agentsInbox] }.compactMap(\.ticketID))
            #expect(answered.count >= 3 && !escalatedFirst.isEmpty)
            let sorted = answers.sorted { $0.recipients[0] < $1.recipients[0] }
            let (followUp, happy, unhappy) = (sorted[0], sorted[1], sorted[2])
            let escalation = try #require(first.first { $0.recipients == [mailroom.agentsInbox] && $0.ticketID != nil })
            try mailroom.user.deliver([
                TestMail.reply(
                    to: followUp, from: followUp.recipients[0], name: "Customer",
                    text: "That did not help, it still does not work.", messageID: TestMail.newMessageID("kpi")),
                TestMail.reply(
                    to: escalation, from: "ana@\(mailroom.domain)", name: "Ana",
                    text: "Hello, I have looked into it and fixed it for you.\n\nAna",
                    messageID: TestMail.newMessageID("kpi-agent", domain: mailroom.domain)),
            ])
            #expect(try await mailroom.runOnceSucceeding().hasPrefix("stored 2, processed 2, "))
            try await giveFeedback(mailroom, yes: happy, no: unhappy)
            let stats = try await mailroom.run(["stats", "--json"])
            #expect(stats.termination == .exited(0), "\(stats.output.suffix(2000))")
            let json = String(stats.output[stats.output.firstIndex(of: "{")!...])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            try check(report, mailroom: mailroom, autoReplied: answered.count, escalatedFirst: escalatedFirst.count)
        }

        /// "Yes" with a rating of 5 on one answer's link, "no" on another's, through `mailroom run`'s server.
        private func giveFeedback(_ mailroom: LiveMailroom, yes: SentMail, no: SentMail) async throws {
            let server = try mailroom.start(["run"])
            defer {
                server.send(SIGTERM)
                _ = server.waitBlocking()
            }
            let base = "http://127.0.0.1:\(mailroom.settings.httpPort ?? 0)"
            var ready = false
            for _ in 0..<100 where !ready {
                ready = (try? await get(base + "/health").0) == 200
                if !ready { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(ready, "the server did not start: \(server.output().suffix(2000))")
            let yesLink = try #require(link(in: yes, answer: "yes"))
            let noLink = try #require(link(in: no, answer: "no"))
            #expect(try await get(yesLink).0 == 200)
            #expect(try await get(noLink).0 == 200)
            var request = URLRequest(url: try #require(URL(string: String(yesLink.prefix { $0 != "?" }))))
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data("rating=5".utf8)
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            // The "no" escalates the ticket again: wait until the running gateway sent that escalation.
            for _ in 0..<100 {
                if try mailroom.store().outboxSummaries(states: [.queued, .sending]).isEmpty { break }
                try await Task.sleep(for: .milliseconds(200))
            }
        }

        private func check(
            _ r: [String: Any], mailroom: LiveMailroom, autoReplied: Int, escalatedFirst: Int
        ) throws {
            let tickets = try mailroom.store().ticketSummaries(limit: 1000)
            let count = tickets.count
            func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
            func close(_ value: Any?, _ expected: Double, _ what: String) {
                #expect(
                    abs((number(value) ?? -1) - expected) < 1e-9, "\(what): \(String(describing: value)) != \(expected)"
                )
            }
            close(r["tickets"], Double(count), "tickets")
            close(r["messages"], 38, "messages: 36 demo mails, a follow-up and an agent's answer")
            close(r["autoReplied"], Double(autoReplied), "autoReplied")
            close(r["automationRate"], Double(autoReplied) / Double(count), "automationRate")
            let escalated = Double(escalatedFirst + 2)  // the follow-up's and the "no" ticket's
            close(r["escalated"], escalated, "escalated")
            close(r["escalationRate"], escalated / Double(count), "escalationRate")
            // Handled: the automatic answers and the agent's; reopened: the follow-up and the "no".
            close(r["reopenRate"], 2 / Double(autoReplied + 1), "reopenRate")
            close(r["durableResolutionRate"], 0, "durable: both decided answers failed, the rest still quiet")
            close(r["durablePending"], Double(autoReplied - 2), "durablePending")
            close(r["contradictedRate"], 2 / Double(autoReplied), "contradictedRate")
            let csat = r["csat"] as? [String: Any] ?? [:]
            close(csat["responses"], 3, "csat.responses: yes, no and a did-not-help reply")
            close(csat["positiveRate"], 1.0 / 3.0, "csat.positiveRate")
            close(csat["meanRating"], 5, "csat.meanRating")
            close(csat["responseRate"], 3 / Double(autoReplied + 1), "csat.responseRate")
            let sla = r["sla"] as? [String: Any] ?? [:]
            close(sla["breached"], 0, "sla.breached")
            close(sla["withinRate"], 1, "sla.withinRate")
            close(sla["met"], Double(autoReplied - 1), "sla.met: answers not reopened, and the agent's")
            let first = r["firstResponseSeconds"] as? [String: Any] ?? [:]
            #expect((number(first["p50"]) ?? -1) >= 0 && (number(first["p90"]) ?? 1e9) < 600)
            let byIntent = r["byIntent"] as? [[String: Any]] ?? []
            close(byIntent.map { number($0["tickets"]) ?? 0 }.reduce(0, +), Double(count), "byIntent tickets")
            close(byIntent.map { number($0["contradicted"]) ?? 0 }.reduce(0, +), 2, "byIntent contradicted")
            close(byIntent.map { number($0["autoReplied"]) ?? 0 }.reduce(0, +), Double(autoReplied), "byIntent auto")
            let open = tickets.filter { ["open", "escalated"].contains($0.status) }.count
            let backlog = r["backlog"] as? [String: Any] ?? [:]
            close(backlog.values.compactMap(number).reduce(0, +), Double(open), "backlog")
            let suppressed = r["suppressed"] as? [String: Any] ?? [:]
            close(suppressed["bounce"], 1, "suppressed bounce")
            close(suppressed["mailingList"], 1, "suppressed mailingList")
        }

        private func link(in mail: SentMail, answer: String) -> String? {
            mail.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.contains("/feedback/") && $0.hasSuffix("answer=\(answer)") }
                .flatMap { line in line.range(of: "http").map { String(line[$0.lowerBound...]) } }
        }

        private func get(_ url: String) async throws -> (Int, String) {
            let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        /// A TCP port on loopback that is free now.
        private func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }
}
