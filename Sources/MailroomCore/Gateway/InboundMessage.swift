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

    /// Creates an inbound message.
    public init(
        rowID: Int64, raw: [UInt8], receivedAt: Date, source: String, envelopeRecipient: String? = nil,
        oversizedSize: Int? = nil
    ) {
        self.rowID = rowID
        self.raw = raw
        self.receivedAt = receivedAt
        self.source = source
        self.envelopeRecipient = envelopeRecipient
        self.oversizedSize = oversizedSize
    }
}
