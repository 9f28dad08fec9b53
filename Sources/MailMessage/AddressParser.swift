/// Parses RFC 5322 address lists leniently: display names (quoted, encoded words, unquoted dots and `@`),
/// angle addresses with obsolete routes, groups, comments as names (`addr (Name)`), and `;` used as a separator.
public enum AddressParser {
    /// The mailboxes in an address-list header value (groups flattened), and whether something was unreadable.
    public static func parseList(_ value: String) -> (addresses: [Address], malformed: Bool) {
        var addresses: [Address] = []
        var malformed = false
        var pendingPhrase: [AddressToken] = []
        for segment in segments(AddressTokenizer(Array(value.utf8)).tokens()) {
            let hasAngle = segment.contains { $0.isAngle }
            let hasAt = segment.contains {
                if case .special(UInt8(ascii: "@")) = $0 { return true } else { return false }
            }
            if !hasAngle, !hasAt, segment.contains(where: { $0.isWord }) {
                // "Doe, John <j@x>": an unquoted comma inside a display name; keep the phrase for the next part.
                pendingPhrase += pendingPhrase.isEmpty ? segment : [.special(UInt8(ascii: ","))] + segment
                continue
            }
            var tokens = segment
            if !pendingPhrase.isEmpty {
                if hasAngle {
                    tokens = pendingPhrase + [.special(UInt8(ascii: ","))] + segment
                } else {
                    malformed = true
                }
                pendingPhrase.removeAll()
            }
            let found = mailboxes(from: tokens)
            if found.isEmpty { malformed = true }
            addresses += found
        }
        if !pendingPhrase.isEmpty {
            // A lone word without '@' (a local mailbox, or garbage): keep it so nothing is silently lost.
            if pendingPhrase.count == 1, let address = mailboxes(from: pendingPhrase).first {
                addresses.append(address)
            } else {
                malformed = true
            }
        }
        return (addresses, malformed)
    }

    /// Splits tokens into mailbox candidates at `,` and `;`, dropping group names (`name:` ... `;`).
    private static func segments(_ tokens: [AddressToken]) -> [[AddressToken]] {
        var result: [[AddressToken]] = []
        var current: [AddressToken] = []
        var inGroup = false
        for token in tokens {
            switch token {
            case .special(let byte) where byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";"):
                if !current.isEmpty { result.append(current) }
                current.removeAll()
                if byte == UInt8(ascii: ";") { inGroup = false }
            case .special(let byte) where byte == UInt8(ascii: ":") && !inGroup && isGroupName(current):
                current.removeAll()
                inGroup = true
            default:
                current.append(token)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Reads one mailbox, e.g. a `From` value with a single address.
    public static func parseMailbox(_ value: String) -> Address? {
        parseList(value).addresses.first
    }

    private static func isGroupName(_ tokens: [AddressToken]) -> Bool {
        !tokens.contains { token in
            switch token {
            case .angle: return true
            case .special(let byte): return byte == UInt8(ascii: "@")
            default: return false
            }
        }
    }

    /// Builds a mailbox from the tokens between separators.
    private static func mailboxes(from tokens: [AddressToken]) -> [Address] {
        var comment: String?
        if let angleIndex = tokens.lastIndex(where: { $0.isAngle }), case .angle(let inner) = tokens[angleIndex] {
            let spec = stripRoute(inner)
            var nameTokens = Array(tokens[..<angleIndex])
            nameTokens += tokens[(angleIndex + 1)...].filter {
                if case .comment = $0 { return false } else { return true }
            }
            var name = displayName(nameTokens)
            if name == nil {
                for case .comment(let text) in tokens { comment = comment ?? text }
                name = comment.map(EncodedWord.decode)
            }
            guard !spec.isEmpty || name != nil else { return [] }
            return [Address(name: name.flatMap { $0.isEmpty ? nil : $0 }, address: spec)]
        }
        return bareAddresses(tokens)
    }

    /// Addresses without angle brackets: `a@b (Name)`. White space separates words: several words with `@`
    /// are several addresses (`a@x b@y`), and words before the first address are its display name
    /// (`Big Bug bb@bug.com`), as a person would read them.
    static func bareAddresses(_ tokens: [AddressToken]) -> [Address] {
        var comment: String?
        var words: [String] = []
        var word = ""
        for token in tokens {
            switch token {
            case .comment(let text):
                comment = comment ?? text
            case .atom(let text, let spaceBefore), .quoted(let text, let spaceBefore):
                if spaceBefore, !word.isEmpty, !word.hasSuffix("@"), !word.hasSuffix(".") {
                    words.append(word)
                    word = ""
                }
                if case .quoted = token, text.contains(where: { $0 == " " || $0 == "@" || $0 == "," }) {
                    word += "\"\(text)\""
                } else {
                    word += text
                }
            case .special(let byte):
                word += String(UnicodeScalar(byte))
            case .angle:
                continue
            }
        }
        if !word.isEmpty { words.append(word) }
        let commentName = comment.map { EncodedWord.decode($0).trimmed() }.flatMap { $0.isEmpty ? nil : $0 }
        guard let firstAddress = words.firstIndex(where: { $0.contains("@") && !$0.hasPrefix("@") }) else {
            // A lone word: a local mailbox name; anything longer without '@' is not an address.
            return words.count == 1 ? [Address(name: commentName, address: words[0])] : []
        }
        let phrase = words[..<firstAddress].joined(separator: " ")
        let name = phrase.isEmpty ? commentName : EncodedWord.decode(phrase)
        let addresses = words[firstAddress...].filter { $0.contains("@") }
        return addresses.enumerated().map { index, address in Address(name: index == 0 ? name : nil, address: address) }
    }

    /// `@route1,@route2:user@domain` -> `user@domain`; white space removed.
    private static func stripRoute(_ inner: String) -> String {
        var spec = Substring(inner)
        if spec.hasPrefix("@"), let colon = spec.firstIndex(of: ":") { spec = spec[spec.index(after: colon)...] }
        return spec.removingWhitespace()
    }

    /// The display name from the phrase tokens: words joined by single spaces, encoded words decoded.
    private static func displayName(_ tokens: [AddressToken]) -> String? {
        var text = ""
        for token in tokens {
            switch token {
            case .atom(let word, let spaceBefore), .quoted(let word, let spaceBefore):
                if !text.isEmpty, spaceBefore { text += " " }
                text += word
            case .special(let byte):
                text += String(UnicodeScalar(byte))
            case .comment, .angle:
                continue
            }
        }
        let decoded = EncodedWord.decode(text).trimmed()
        return decoded.isEmpty ? nil : decoded
    }
}
