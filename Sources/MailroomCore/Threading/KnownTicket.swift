/// What the thread resolver needs to know about an existing ticket: the answer of its lookup.
public struct KnownTicket: Hashable, Sendable {
    /// The ticket's public id.
    public var publicID: String
    /// The customer's address (compared without regard to case), for accepting a subject token.
    public var customerAddress: String

    /// Creates the lookup answer for an existing ticket.
    public init(publicID: String, customerAddress: String) {
        self.publicID = publicID
        self.customerAddress = customerAddress
    }
}
