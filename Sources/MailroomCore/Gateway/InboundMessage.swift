import Foundation

/// A message whose raw bytes are committed to the store and wait to be processed.
public struct InboundMessage: Sendable, Hashable {
    /// The store's row id.
    public var rowID: Int64
    /// The exact bytes as received.
    public var raw: [UInt8]
    /// When it was stored.
    public var receivedAt: Date
    /// Where it came from (`imap`, `maildir`, `ingest`, `replay`).
    public var source: String
    /// The envelope recipient, when the source knows it (MTA pipe, Delivered-To).
    public var envelopeRecipient: String?
    /// For a message too large to download: its size; `raw` then holds only its header block.
    public var oversizedSize: Int?
    /// The account that submitted the message through the API (an agent's answer, note or command); the API
    /// proved who it is, so no mail header has to. Nil for mail from outside, which can never set it.
    public var submittedBy: String?

    /// Creates an inbound message.
    public init(
        rowID: Int64, raw: [UInt8], receivedAt: Date, source: String, envelopeRecipient: String? = nil,
        oversizedSize: Int? = nil, submittedBy: String? = nil
    ) {
        self.submittedBy = submittedBy
        self.rowID = rowID
        self.raw = raw
        self.receivedAt = receivedAt
        self.source = source
        self.envelopeRecipient = envelopeRecipient
        self.oversizedSize = oversizedSize
    }
}
