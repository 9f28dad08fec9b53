import MailMessage

/// The signed ticket token in a sub-address of the support address: `support+MR-7K4QX2.3KZ0T9QW1M@domain`,
/// used as Reply-To on everything we send, so that a reply finds its ticket even when the mail client drops
/// In-Reply-To and References.
///
/// Detection looks at the envelope recipient and at the Delivered-To, X-Original-To, Envelope-To, To and
/// Cc fields (in that order: what the receiving server recorded first, then what the sender wrote). Local
/// part and domain are compared without regard to case; only the token's MAC decides.
public struct PlusAddress: Sendable {
    /// The separators a mail server may use between a local part and its extension.
    public static let allowedSeparators: Set<Character> = ["+", "-", "=", "_"]
    /// The header fields searched for a sub-address, in order (after the envelope recipient).
    public static let recipientFields = ["Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc"]

    let signer: TokenSigner
    /// The support address's local part as configured (`support`).
    public let localPart: String
    /// The support address's domain, lower case.
    public let domain: String
    /// The separator between the local part and the token (`+` unless the server uses another).
    public let separator: Character

    /// Creates the scheme for `supportAddress` (`support@example.com`).
    /// - Throws: ``InvalidInputError/address`` when the address is not `local@domain` with a plain local
    ///   part, ``InvalidInputError/separator`` for a separator outside ``allowedSeparators``.
    public init(supportAddress: String, separator: Character = "+", signer: TokenSigner) throws(InvalidInputError) {
        guard Self.allowedSeparators.contains(separator) else { throw .separator }
        guard let at = supportAddress.lastIndex(of: "@") else { throw .address }
        let local = String(supportAddress[..<at])
        let domainPart = String(supportAddress[supportAddress.index(after: at)...])
        guard !local.isEmpty, local.utf8.count <= 64, local.utf8.allSatisfy(Self.isLocalPartByte) else {
            throw .address
        }
        guard let domain = MessageIDScheme.canonicalDomain(domainPart) else { throw .address }
        self.signer = signer
        self.localPart = local
        self.domain = domain
        self.separator = separator
    }

    /// The Reply-To address for ticket `publicID`: `support+MR-7K4QX2.3KZ0T9QW1M@domain`.
    /// - Throws: ``InvalidInputError/publicID``.
    public func address(for publicID: String) throws(InvalidInputError) -> String {
        "\(localPart)\(separator)\(try signer.token(for: publicID))@\(domain)"
    }

    /// The ticket's public id when `address` (bare or in angle brackets) is our support address with a
    /// valid token, or nil.
    public func publicID(inAddress address: String) -> String? {
        subaddress(of: address).flatMap { signer.publicID(fromToken: $0) }
    }

    /// The extension after `local+` when `address` is a sub-address of the support address, or nil.
    func subaddress(of address: String) -> Substring? {
        let bare = address.removingWhitespace(angleBrackets: true)
        guard let at = bare.lastIndex(of: "@"), bare[bare.index(after: at)...].lowercased() == domain else {
            return nil
        }
        let local = bare[..<at]
        let base = localPart + String(separator)
        guard local.count > base.count, local.prefix(base.count).lowercased() == base.lowercased() else {
            return nil
        }
        return Substring(local.dropFirst(base.count))
    }

    /// The ticket named by the first sub-address with a valid token among the envelope recipient and
    /// ``recipientFields``, or nil.
    /// - Parameter envelopeRecipient: the RCPT TO address when the gateway knows it (pipe mode, LMTP).
    public func ticket(in message: Message, envelopeRecipient: String?) -> String? {
        publicIDs(in: message, envelopeRecipient: envelopeRecipient).first
    }

    /// Every ticket named by a sub-address with a valid token, in search order, without duplicates.
    public func publicIDs(in message: Message, envelopeRecipient: String?) -> [String] {
        var found: [String] = []
        for address in recipientCandidates(in: message, envelopeRecipient: envelopeRecipient) {
            if let id = publicID(inAddress: address), !found.contains(id) { found.append(id) }
        }
        return found
    }

    /// The envelope recipient, then the addresses of ``recipientFields`` in order.
    func recipientCandidates(in message: Message, envelopeRecipient: String?) -> [String] {
        var candidates: [String] = envelopeRecipient.map { [$0] } ?? []
        for field in Self.recipientFields {
            candidates += message.addresses(field).map(\.address)
        }
        return candidates
    }

    /// RFC 5322 atext and dots: what a plain (unquoted) local part may contain.
    private static func isLocalPartByte(_ byte: UInt8) -> Bool {
        if MessageIDScheme.isASCIIAlphanumeric(byte) { return true }
        return Array("!#$%&'*+-/=?^_`{|}~.".utf8).contains(byte)
    }
}
