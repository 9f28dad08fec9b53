/// The DMARC result reported by our receiving server. The raw values are safe metric labels.
public enum DMARCResult: String, Hashable, Sendable, CaseIterable, Codable {
    /// The From domain is aligned with a passing SPF or DKIM result.
    case pass
    /// The From domain publishes DMARC and the message is not aligned: the sender may be forged.
    case fail
    /// The From domain publishes no DMARC policy.
    case none
    /// A temporary error (DNS) prevented the check.
    case tempError = "temperror"
    /// A permanent error (a broken policy record) prevented the check.
    case permError = "permerror"
    /// No policy, but the result would have passed (Google's non-standard `bestguesspass`).
    case bestGuessPass = "bestguesspass"
    /// A result keyword this code does not know (recorded, not treated as a failure).
    case unrecognized
    /// No trusted Authentication-Results field, or no `dmarc` result in it (recorded, not a failure).
    case unknown

    /// Creates the result for a keyword of an Authentication-Results field (any case).
    public init(keyword: String) {
        switch keyword.lowercased() {
        case "pass": self = .pass
        case "fail": self = .fail
        case "none": self = .none
        case "temperror": self = .tempError
        case "permerror": self = .permError
        case "bestguesspass": self = .bestGuessPass
        default: self = .unrecognized
        }
    }

    /// Whether automation must stop: only an explicit `fail`. Errors and unknown results are not failures
    /// (mail from domains without DMARC would otherwise never be answered); they are recorded instead.
    public var isFailure: Bool { self == .fail }
}
