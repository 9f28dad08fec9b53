/// Who wrote a message that joined an existing ticket, as far as the ticket knows. The raw values are safe
/// metric labels and audit reasons.
public enum MessageAuthor: String, Sendable, Hashable, CaseIterable {
    /// The ticket's customer (the From address that opened it).
    case customer
    /// An address the customer had on their own To or Cc: a colleague in the conversation. Shown to the agents;
    /// never answered automatically; an agent's answer still goes to the customer.
    case colleague
    /// Anyone else: shown to the agents as not the customer, never answered automatically, never the new
    /// customer, and an agent's answer reaches the customer only with `#relay`.
    case thirdParty

    /// Who `address` is on a ticket of `customer` with these participants (all compared without regard to case).
    public static func of(_ address: String, customer: String, participants: [String]) -> MessageAuthor {
        let address = address.lowercased()
        if address == customer.lowercased() { return .customer }
        return participants.contains { $0.lowercased() == address } ? .colleague : .thirdParty
    }
}
