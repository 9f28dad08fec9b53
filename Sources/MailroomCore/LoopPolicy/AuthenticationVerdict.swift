/// What our receiving server said about the sender, for the loop policy and the audit trail.
public struct AuthenticationVerdict: Hashable, Sendable {
    /// The DMARC result; ``DMARCResult/unknown`` when no trusted field was found.
    public var dmarc: DMARCResult
    /// The raw `dmarc=` keyword of the trusted field (lower case), for the audit trail.
    public var dmarcKeyword: String?
    /// The SPF result keyword (lower case), if reported.
    public var spf: String?
    /// The DKIM result keyword (lower case), if reported: `pass` when any signature passed, else the first.
    public var dkim: String?
    /// The trusted field that was used (the top-most with our authserv-id), or nil.
    public var trusted: AuthenticationResults?
    /// How many Authentication-Results fields were ignored (other servers, look-alikes, lower copies).
    public var ignoredCount: Int
    /// How many fields carry the trusted authserv-id. More than one means the receiving server did not remove
    /// copies written by the sender (RFC 8601 section 5), so none of them proves anything about an agent.
    public var trustedFieldCount: Int

    /// Creates a verdict.
    public init(
        dmarc: DMARCResult, dmarcKeyword: String? = nil, spf: String? = nil, dkim: String? = nil,
        trusted: AuthenticationResults? = nil, ignoredCount: Int = 0, trustedFieldCount: Int? = nil
    ) {
        self.dmarc = dmarc
        self.dmarcKeyword = dmarcKeyword
        self.spf = spf
        self.dkim = dkim
        self.trusted = trusted
        self.ignoredCount = ignoredCount
        self.trustedFieldCount = trustedFieldCount ?? (trusted == nil ? 0 : 1)
    }

    /// Whether DMARC failed: no automatic mail, no subject-token threading, escalate for review.
    public var dmarcFailed: Bool { dmarc.isFailure }

    /// One line for the audit trail: `dmarc=fail spf=pass dkim=none by mx.example.com (1 ignored)`.
    public var summary: String {
        guard let trusted else { return "no trusted Authentication-Results (\(ignoredCount) ignored)" }
        let dmarcText = dmarcKeyword ?? "absent"
        var text = "dmarc=\(dmarcText) spf=\(spf ?? "absent") dkim=\(dkim ?? "absent") by \(trusted.authservID)"
        if ignoredCount > 0 { text += " (\(ignoredCount) ignored)" }
        return text
    }
}
