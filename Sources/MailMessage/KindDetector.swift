/// The kind of a message and the evidence that decided it (for the audit trail).
public struct KindVerdict: Hashable, Sendable {
    /// The kind.
    public var kind: MessageKind
    /// A short human-readable reason, e.g. `Auto-Submitted: auto-replied`.
    public var evidence: String
}

/// Recognises machine mail: DSN and non-standard bounces, delay notices, RFC 3834 auto-replies and vendor
/// variants, out-of-office subjects, mailing lists, ARF feedback reports and MDN read receipts.
public enum KindDetector {
    /// Classifies `message`.
    public static func classify(_ message: Message) -> KindVerdict {
        if let verdict = reportVerdict(message) { return verdict }
        if let verdict = nonStandardBounce(message) { return verdict }
        if let verdict = autoReply(message, strong: true) { return verdict }
        if let verdict = mailingList(message.header) { return verdict }
        if let verdict = autoReply(message, strong: false) { return verdict }
        return KindVerdict(kind: .normal, evidence: "no automation markers")
    }

    /// Verdicts from MIME reports: ARF, MDN, DSN.
    private static func reportVerdict(_ message: Message) -> KindVerdict? {
        let types = reportPartTypes(message.root)
        let reportType =
            message.root.contentType.mimeType == "multipart/report"
            ? message.root.contentType.parameters["report-type"]?.lowercased() : nil
        if types.contains("message/feedback-report") || reportType == "feedback-report" {
            return KindVerdict(kind: .feedbackReport, evidence: "ARF feedback report")
        }
        if types.contains("message/disposition-notification") || reportType == "disposition-notification" {
            return KindVerdict(kind: .readReceipt, evidence: "message disposition notification")
        }
        let hasStatus = types.contains("message/delivery-status") || types.contains("message/global-delivery-status")
        guard hasStatus || reportType == "delivery-status" else { return nil }
        let report = DeliveryReportReader.read(message)
        if report.isDelayOnly { return KindVerdict(kind: .delayNotice, evidence: "DSN: delivery delayed") }
        if report.isSuccessOnly { return KindVerdict(kind: .autoReply, evidence: "DSN: delivery succeeded") }
        return KindVerdict(kind: .bounce, evidence: "DSN: delivery failed")
    }

    /// Content types of the message's own parts (not inside embedded messages).
    static func reportPartTypes(_ part: MIMEPart) -> Set<String> {
        var types: Set<String> = [part.contentType.mimeType]
        if case .multipart(let parts, _, _) = part.body {
            for child in parts { types.formUnion(reportPartTypes(child)) }
        }
        return types
    }

    private static func nonStandardBounce(_ message: Message) -> KindVerdict? {
        let header = message.header
        if let failed = header["X-Failed-Recipients"], !failed.isEmpty {
            return KindVerdict(kind: .bounce, evidence: "X-Failed-Recipients")
        }
        let subject = (message.subject ?? "").lowercased()
        let daemon = isDeliverySystemSender(message)
        let bounceSubject = TextSearch.containsAny(Patterns.bounceSubjects, in: subject)
        guard daemon || (bounceSubject && message.returnPath == "") else { return nil }
        if TextSearch.containsAny(Patterns.delaySubjects, in: subject) {
            return KindVerdict(kind: .delayNotice, evidence: "delay notice from the mail system")
        }
        let body = message.textBody.lowercased()
        if !bounceSubject, TextSearch.containsAny(Patterns.delayBody, in: body),
            !TextSearch.containsAny(Patterns.failureBody, in: body)
        {
            return KindVerdict(kind: .delayNotice, evidence: "delay notice from the mail system")
        }
        return KindVerdict(
            kind: .bounce, evidence: daemon ? "from the mail system" : "bounce subject, null Return-Path")
    }

    /// MAILER-DAEMON, postmaster, "Mail Delivery System", or a null Return-Path with no From.
    static func isDeliverySystemSender(_ message: Message) -> Bool {
        let from = message.from.first
        let local = from?.localPart.lowercased() ?? ""
        if Patterns.daemonLocalParts.contains(local) { return true }
        if let name = from?.name?.lowercased(), TextSearch.containsAny(["mail delivery", "mailer-daemon"], in: name) {
            return true
        }
        return from == nil && (message.returnPath == "" || message.returnPath?.lowercased() == "mailer-daemon")
    }

    private static func autoReply(_ message: Message, strong: Bool) -> KindVerdict? {
        let header = message.header
        if strong {
            if let value = header["Auto-Submitted"] {
                let token = value.split(separator: ";").first.map { $0.trimmed().lowercased() } ?? ""
                if !token.isEmpty, token != "no" {
                    return KindVerdict(kind: .autoReply, evidence: "Auto-Submitted: \(token)")
                }
            }
            for name in Patterns.autoReplyHeaders where header.contains(name) {
                return KindVerdict(kind: .autoReply, evidence: name)
            }
            if let precedence = header["Precedence"]?.lowercased().trimmed(), precedence == "auto_reply" {
                return KindVerdict(kind: .autoReply, evidence: "Precedence: auto_reply")
            }
            let subject = (message.subject ?? "").lowercased()
            if let pattern = TextSearch.firstNeedle(Patterns.outOfOfficeSubjects, in: subject) {
                return KindVerdict(kind: .autoReply, evidence: "subject: \(pattern)")
            }
            return nil
        }
        for name in ["Precedence", "X-Precedence"] {
            if let value = header[name]?.lowercased().trimmed(), value == "bulk" || value == "junk" {
                return KindVerdict(kind: .autoReply, evidence: "\(name): \(value)")
            }
        }
        if let value = header["X-Auto-Response-Suppress"], !value.isEmpty {
            return KindVerdict(kind: .autoReply, evidence: "X-Auto-Response-Suppress")
        }
        return nil
    }

    private static func mailingList(_ header: Header) -> KindVerdict? {
        for name in ["List-Id", "List-Unsubscribe", "List-Post", "Mailing-List", "X-Mailing-List", "X-BeenThere"]
        where header.contains(name) {
            return KindVerdict(kind: .mailingList, evidence: name)
        }
        if header["Precedence"]?.lowercased().trimmed() == "list" {
            return KindVerdict(kind: .mailingList, evidence: "Precedence: list")
        }
        return nil
    }
}

extension Message {
    /// What kind of mail this is (machine mail never gets an automatic answer).
    public var kind: MessageKind { KindDetector.classify(self).kind }

    /// The kind with the evidence that decided it.
    public var kindVerdict: KindVerdict { KindDetector.classify(self) }
}
