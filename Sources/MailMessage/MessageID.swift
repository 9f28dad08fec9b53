import Foundation

/// Message ids (RFC 5322 3.6.4): a generator for our own, and a validator and normaliser for ids read from
/// outside. Ids are handled WITHOUT angle brackets; the builder adds them when writing.
public enum MessageID {
    /// The longest id accepted (real ids are under 100 characters; this keeps every header line short).
    public static let maxLength = 250

    /// A new id `<time>.<random>@domain` (returned without brackets): the time in milliseconds and 128
    /// random bits, both in base 36. Time and randomness are passed in; nothing here reads the clock.
    ///
    /// Throws ``BuildError/invalidDomain(_:)`` unless `domain` is a plain ASCII host name.
    public static func generate<G: RandomNumberGenerator>(domain: String, date: Date, using generator: inout G)
        throws -> String
    {
        let bytes = Array(domain.utf8)
        guard !bytes.isEmpty, bytes.count <= 200, bytes.allSatisfy(Address.isHostNameByte),
            bytes.first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".")
        else { throw BuildError.invalidDomain("message-id") }
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        let high = generator.next()
        let low = generator.next()
        let random = String(high, radix: 36) + padded(String(low, radix: 36), to: 13)
        return "\(String(milliseconds, radix: 36)).\(random)@\(domain)"
    }

    /// Whether `id` (without brackets) can be written into a header: 1 to 250 printable ASCII characters,
    /// no white space, no control characters, no angle brackets. An `@` is not required (real ids lack it).
    public static func isValid(_ id: String) -> Bool {
        let bytes = id.utf8
        guard !bytes.isEmpty, bytes.count <= maxLength else { return false }
        return bytes.allSatisfy { $0 >= 0x21 && $0 <= 0x7E && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }

    /// The first id in a header value read from outside (` <abc@example.com> (comment)`), read as
    /// ``MessageIDParser`` reads it, without brackets; nil when there is none that ``isValid(_:)``.
    public static func normalize(_ raw: String) -> String? {
        list(raw).first
    }

    /// Every id in a References or In-Reply-To value read from outside, read as ``MessageIDParser`` reads
    /// it (so what we write matches what we read), in order, without brackets, keeping only ids that can be
    /// written safely, without duplicates. Use it to clean ids before putting them in an ``OutgoingMessage``.
    public static func list(_ raw: String) -> [String] {
        var result: [String] = []
        for id in MessageIDParser.ids(in: raw) where isValid(id) && !result.contains(id) {
            result.append(id)
        }
        return result
    }

    private static func padded(_ text: String, to length: Int) -> String {
        text.count >= length ? text : String(repeating: "0", count: length - text.count) + text
    }
}
