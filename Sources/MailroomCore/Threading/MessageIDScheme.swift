import MailMessage

/// Our outgoing Message-IDs, signed so that a reply can be threaded by its In-Reply-To and References:
/// `<mr.{publicID}.{random}.{mac}@{domain}>`, e.g. `<mr.MR-7K4QX2.8F3KQ1ZP.3KZ0T9QW1M@support.example>`.
///
/// The MAC covers the public id and the random part (not the domain, so ids stay valid when the domain
/// changes). Recognition ignores case and the domain: only the MAC decides, so a forged or altered id
/// never matches a ticket.
public struct MessageIDScheme: Sendable {
    /// The longest random part accepted.
    public static let maximumRandomLength = 64

    /// The lower-case local-part prefix of our Message-IDs.
    static let prefix = "mr."

    private let signer: TokenSigner
    /// The domain written after `@`, lower case.
    public let domain: String

    /// Creates the scheme for ids written at `domain` (e.g. the support address's domain).
    /// - Throws: ``InvalidInputError/domain`` when `domain` is not a plain DNS name.
    public init(signer: TokenSigner, domain: String) throws(InvalidInputError) {
        guard let domain = Self.canonicalDomain(domain) else { throw .domain }
        self.signer = signer
        self.domain = domain
    }

    /// A new Message-ID header value, with angle brackets, for mail about ticket `publicID`.
    /// - Parameters:
    ///   - publicID: the ticket's public id (`MR-7K4QX2`).
    ///   - random: a fresh value from the caller, unique per message: ASCII letters and digits, at most
    ///     ``maximumRandomLength``.
    /// - Throws: ``InvalidInputError/publicID`` or ``InvalidInputError/random``.
    public func messageID(publicID: String, random: String) throws(InvalidInputError) -> String {
        guard let id = PublicID.canonical(publicID) else { throw .publicID }
        guard Self.isValidRandom(random) else { throw .random }
        let mac = signer.mac(.messageID, Self.signedText(id: id, random: random))
        return "<\(Self.prefix)\(id).\(random).\(mac)@\(domain)>"
    }

    /// The ticket's public id when `messageID` (with or without angle brackets) is one we signed, or nil.
    public func publicID(inMessageID messageID: String) -> String? {
        let id = messageID.removingWhitespace(angleBrackets: true)
        guard let at = id.lastIndex(of: "@") else { return nil }
        let local = id[..<at]
        guard local.count > Self.prefix.count, local.prefix(Self.prefix.count).lowercased() == Self.prefix else {
            return nil
        }
        let parts = local.dropFirst(Self.prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let publicID = PublicID.canonical(parts[0]) else { return nil }
        let random = String(parts[1])
        guard Self.isValidRandom(random) else { return nil }
        let valid = signer.isValid(
            mac: parts[2].uppercased(), .messageID, Self.signedText(id: publicID, random: random))
        return valid ? publicID : nil
    }

    /// Whether `messageID` is one we signed (for recognising our own mail coming back).
    public func isSigned(_ messageID: String) -> Bool {
        publicID(inMessageID: messageID) != nil
    }

    /// The ticket of the first id in `ids` that we signed; pass the newest reference first (see
    /// ``replyIDs(of:)``). Forged, altered and foreign ids are skipped.
    public func ticket(in ids: [String]) -> String? {
        for id in ids {
            if let publicID = publicID(inMessageID: id) { return publicID }
        }
        return nil
    }

    /// The tickets of every id in `ids` that we signed, in the order given, without duplicates.
    public func publicIDs(in ids: [String]) -> [String] {
        var found: [String] = []
        for id in ids {
            if let publicID = publicID(inMessageID: id), !found.contains(publicID) { found.append(publicID) }
        }
        return found
    }

    /// The ticket that `message` replies to, by its In-Reply-To and References.
    public func ticket(replyingTo message: Message) -> String? {
        ticket(in: Self.replyIDs(of: message))
    }

    /// The ids a reply refers to, newest first: every In-Reply-To id, then References from last (newest)
    /// to first, without duplicates.
    public static func replyIDs(of message: Message) -> [String] {
        let inReplyTo = message.header.values("In-Reply-To").flatMap(MessageIDParser.ids(in:))
        var seen: Set<String> = []
        return (inReplyTo + message.references.reversed()).filter { seen.insert($0).inserted }
    }

    private static func signedText(id: String, random: String) -> String {
        id + "." + random.uppercased()
    }

    private static func isValidRandom(_ random: String) -> Bool {
        !random.isEmpty && random.utf8.count <= maximumRandomLength
            && random.utf8.allSatisfy { isASCIIAlphanumeric($0) }
    }

    /// `domain` lower-cased when it is a plain DNS name (letters, digits, `-`, inner dots), else nil.
    static func canonicalDomain(_ domain: String) -> String? {
        let lower = domain.lowercased()
        guard !lower.isEmpty, lower.utf8.count <= 253, lower.first != ".", lower.last != "." else { return nil }
        guard !lower.contains("..") else { return nil }
        let valid = lower.utf8.allSatisfy {
            isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        }
        return valid ? lower : nil
    }

    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
