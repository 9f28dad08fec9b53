import Foundation
import MailMessage

extension MessagePipeline {
    /// Bounces, delay notices, auto-replies, list mail, reports, and mail from our own addresses: never
    /// answered. A bounce of our own mail is linked to its ticket and pauses automatic mail to the failed
    /// addresses.
    func handleMachineMail(_ work: inout Work, lookup: any GatewayLookup) throws {
        let verdict = work.kind
        if verdict.kind == .bounce || verdict.kind == .delayNotice {
            try linkBounce(&work, lookup: lookup)
        }
        let suppression = loopPolicy.evaluate(work.loopCheck(), now: work.now).suppression
        let code = suppression?.code ?? LoopPolicy.kindCodes[verdict.kind] ?? .automatedSender
        let what =
            verdict.kind == .normal
            ? (suppression?.detail ?? code.rawValue) : "\(verdict.kind.rawValue) (\(verdict.evidence))"
        work.events.append(AuditEvent(.suppressed, reason: code.rawValue, "\(what): never answered automatically"))
        work.summary = .suppressed(code)
        if var ticket = work.ticket {
            ticket.updatedAt = work.now
            work.ticket = ticket
        }
    }

    private func linkBounce(_ work: inout Work, lookup: any GatewayLookup) throws {
        var publicID: String?
        var failed: [String] = []
        var delayOnly = work.kind.kind == .delayNotice
        // The kind is known and the report is read once.
        let report = work.parsed.deliveryReport(kind: work.kind.kind)
        if let bounce = OwnBounce.detect(
            in: work.parsed, kind: work.kind.kind, report: report, messageIDs: messageIDs, bodyToken: bodyToken)
        {
            publicID = bounce.publicID
            failed = bounce.failedRecipients
            delayOnly = delayOnly || bounce.isDelayOnly
        } else if let report, let original = report.originalMessageID,
            let ticket = try lookup.ticket(forSentMessageID: original)
        {
            publicID = ticket.publicID
            failed = report.failedRecipients
        }
        guard let publicID, let ticket = try lookup.ticket(publicID: publicID) else {
            work.events.append(AuditEvent(.bounced, "a bounce that matches none of our mail"))
            return
        }
        work.ticket = ticket
        work.events.append(
            AuditEvent(
                .bounced, reason: delayOnly ? "delayed" : "failed",
                "our mail for \(publicID) \(delayOnly ? "is delayed" : "bounced") for \(failed.joined(separator: ", "))"
            ))
        guard !delayOnly else { return }
        let pause = loopPolicy.bouncePause(now: work.now)
        for address in failed where !address.isEmpty {
            work.pauses.append(AddressPause(address: address, pause: pause))
            work.events.append(
                AuditEvent(
                    .paused, reason: "bounce",
                    "automatic mail to \(address) paused until \(pause.until.formatted(.iso8601))"))
        }
    }
}
