/// The MIME structure of a message being built: leaves already encoded, multiparts still to be given
/// boundaries.
indirect enum PartTree {
    /// A leaf: its folded Content-* fields and its encoded body.
    case leaf(header: String, body: [UInt8])
    /// A multipart: the subtype, extra Content-Type parameters (besides the boundary), and the parts.
    case multipart(subtype: String, parameters: [String], parts: [PartTree])

    /// Characters a generated boundary is made of (RFC 2046 bchars without the ones that need care).
    private static let boundaryAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    /// How many random boundaries to try before giving up (a working generator needs one).
    private static let boundaryAttempts = 16

    /// Renders the part: its Content-* fields, and its body (for a multipart, the parts between delimiter
    /// lines, with a boundary that occurs nowhere in them).
    func render<G: RandomNumberGenerator>(using generator: inout G) throws -> (header: String, body: [UInt8]) {
        switch self {
        case .leaf(let header, let body):
            return (header, body)
        case .multipart(let subtype, let parameters, let parts):
            var encoded: [[UInt8]] = []
            for part in parts {
                let rendered = try part.render(using: &generator)
                encoded.append(Array(rendered.header.utf8) + MessageBuilder.crlf + rendered.body)
            }
            let boundary = try PartTree.uniqueBoundary(notIn: encoded, using: &generator)
            let header = MessageBuilder.contentField(
                "Content-Type", "multipart/\(subtype)", parameters.map { [$0] } + [["boundary=\"\(boundary)\""]])
            let delimiter = Array("--\(boundary)".utf8)
            var body: [UInt8] = []
            for part in encoded {
                body += delimiter + MessageBuilder.crlf + part + MessageBuilder.crlf
            }
            body += delimiter + Array("--".utf8) + MessageBuilder.crlf
            return (header, body)
        }
    }

    /// `=_` and 28 random letters and digits: `=_` cannot occur in quoted-printable or base64 output, and
    /// the boundary is also checked against every encoded part (7bit parts can hold anything).
    static func uniqueBoundary<G: RandomNumberGenerator>(notIn parts: [[UInt8]], using generator: inout G) throws
        -> String
    {
        for _ in 0..<boundaryAttempts {
            var bytes = Array("=_".utf8)
            for _ in 0..<28 {
                bytes.append(boundaryAlphabet[Int(generator.next(upperBound: UInt64(boundaryAlphabet.count)))])
            }
            if !parts.contains(where: { contains($0, bytes) }) { return String(decoding: bytes, as: UTF8.self) }
        }
        throw BuildError.noUniqueBoundary("boundary")
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return true
            }
            index += 1
        }
        return false
    }
}
