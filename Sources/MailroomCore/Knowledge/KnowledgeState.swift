/// Where a learned answer stands. Stored as these raw values.
public enum KnowledgeState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Learned from an agent's answer; waits for a person to approve it. Never reused automatically.
    case pending
    /// Approved for reuse (it passed the personal-data screen): the similarity index uses it.
    case approved
    /// Rejected by a person: kept for the record, never reused.
    case rejected
}
