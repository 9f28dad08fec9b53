/// What a person (or a program) may do through the API and the console. Stored as these raw values.
///
/// | role | may |
/// | --- | --- |
/// | `admin` | everything, users and templates included |
/// | `manager` | read everything, KPIs, approve knowledge, release or dismiss quarantine, retry the outbox |
/// | `agent` | tickets: read, reply, note, close, reopen, evaluate; quarantine and outbox: read |
/// | `intake` | `POST /api/v1/tickets` only (a website's backend submitting a contact form) |
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case intake
    case agent
    case manager
    case admin

    /// Roles are ordered by what they may do; `intake` is apart (it may only submit tickets).
    public static func < (lhs: Role, rhs: Role) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .intake: 0
        case .agent: 1
        case .manager: 2
        case .admin: 3
        }
    }

    /// Whether this role includes everything `required` may do (`intake` only includes itself).
    public func includes(_ required: Role) -> Bool {
        if required == .intake { return self == .intake || self == .admin }
        if self == .intake { return false }
        return self >= required
    }
}
