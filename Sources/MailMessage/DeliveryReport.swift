/// What a delivery status notification says: per-recipient actions and statuses, and which message bounced.
public struct DeliveryReport: Hashable, Sendable {
    /// One recipient block of a DSN (RFC 3464 section 2.3).
    public struct Recipient: Hashable, Sendable {
        /// The Final-Recipient (or Original-Recipient) address, without the `rfc822;` type.
        public var address: String
        /// The Action, lowercased: `failed`, `delayed`, `delivered`, `relayed`, `expanded`.
        public var action: String
        /// The Status code, e.g. `5.1.1`; empty when absent.
        public var status: String
        /// The Diagnostic-Code text, if any.
        public var diagnostic: String?
    }

    /// The recipient blocks (empty for non-standard bounces).
    public var recipients: [Recipient]
    /// Addresses that failed, from the DSN or from `X-Failed-Recipients`.
    public var failedRecipients: [String]
    /// The Message-ID of the message that bounced, when the report includes its headers.
    public var originalMessageID: String?

    /// Whether any recipient failed permanently (`failed` with a 5.x.x or missing status).
    public var hasPermanentFailure: Bool {
        recipients.contains { $0.action == "failed" && !$0.status.hasPrefix("4") }
    }

    /// Whether every recipient is only delayed (or failed with a transient 4.x.x status).
    public var isDelayOnly: Bool {
        !recipients.isEmpty
            && recipients.allSatisfy { $0.action == "delayed" || ($0.action == "failed" && $0.status.hasPrefix("4")) }
    }

    /// Whether every recipient was delivered, relayed or expanded (a success notification).
    public var isSuccessOnly: Bool {
        !recipients.isEmpty && recipients.allSatisfy { ["delivered", "relayed", "expanded"].contains($0.action) }
    }

    /// Reads the `message/delivery-status` body: per-message fields, then recipient blocks separated by blank lines.
    static func parseStatusFields(_ text: String) -> [Recipient] {
        var recipients: [Recipient] = []
        for block in text.replacingCRLF().components(separatedByBlankLines: ()) {
            let fields = Header(headerFields(block))
            guard let action = fields["Action"]?.lowercased().trimmed() else { continue }
            let rawAddress = fields["Final-Recipient"] ?? fields["Original-Recipient"] ?? ""
            let address = rawAddress.split(separator: ";", maxSplits: 1).last.map { $0.trimmed([" ", "<", ">"]) } ?? ""
            let status = fields["Status"].map { String($0.prefix { $0.isNumber || $0 == "." }) } ?? ""
            recipients.append(
                Recipient(
                    address: address, action: action, status: status,
                    diagnostic: fields["Diagnostic-Code"]))
        }
        return recipients
    }

    private static func headerFields(_ block: String) -> [HeaderField] {
        let bytes = Array(block.utf8)
        let parsed = HeaderBlockParser(bytes: bytes, maxFields: 200).parse(
            start: 0, end: bytes.count,
            allowMboxFromLine: false)
        return parsed.header.fields
    }
}

extension String {
    func replacingCRLF() -> String {
        MIMEPart.normalizeLineEnds(self)
    }

    /// Splits text into blocks at blank lines (lines empty or only white space).
    func components(separatedByBlankLines _: Void) -> [String] {
        var blocks: [String] = []
        var current: [Substring] = []
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
                current.removeAll()
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
        return blocks
    }
}
