/// Parses Internet messages (RFC 5322, MIME RFC 2045-2049) from bytes, leniently.
///
/// Parsing never crashes and takes time linear in the input (times the bounded MIME depth). Problems are
/// recorded as ``Defect``s on the returned ``Message``; the parser throws only when nothing usable remains.
public enum MessageParser {
    /// Why a message could not be parsed at all.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        private enum Reason: Hashable, Sendable {
            case empty
        }

        private let reason: Reason

        /// The input was empty or only white space.
        public static let empty = ParseError(reason: .empty)

        /// A short description, safe as a metric label.
        public var description: String {
            switch reason {
            case .empty: return "empty message"
            }
        }
    }

    /// Parses `bytes` as a message.
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) throws -> Message {
        guard bytes.contains(where: { !$0.isASCIIWhitespace }) else { throw ParseError.empty }
        var defects: [Defect] = []
        var input = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if input.count > limits.maxSize {
            defects.append(Defect(.messageTooLarge, "\(input.count) bytes, limit \(limits.maxSize)"))
            input = Array(input[0..<limits.maxSize])
        }
        if LineEndings.usesBareCR(input) {
            defects.append(Defect(.bareCarriageReturns))
            input = LineEndings.normalizeToLF(input)
        }
        var parser = EntityParser(bytes: input, limits: limits)
        let root = parser.parseEntity(start: 0, end: input.count, depth: 0, defaultType: .defaultText, topLevel: true)
        return Message(root: root, defects: defects + parser.defects, size: bytes.count)
    }

    /// Parses `bytes` as a message; convenience for any byte collection.
    public static func parse<C: Collection<UInt8>>(_ bytes: C, limits: ParseLimits = .default) throws -> Message {
        try parse(Array(bytes), limits: limits)
    }
}
