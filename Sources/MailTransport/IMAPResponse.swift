import Foundation

/// Pure parsers for the IMAP server responses the client reads (RFC 3501, RFC 4731 ESEARCH). They work on the
/// text libcurl hands over: untagged lines for custom commands, status lines from the transcript.
enum IMAPResponse {
    /// A tagged status line: `A003 NO [NONEXISTENT] Mailbox doesn't exist: Foo`.
    struct Tagged: Equatable, Sendable {
        enum Status: String, Sendable { case ok = "OK", no = "NO", bad = "BAD" }
        var tag: String
        var status: Status
        /// The response code in brackets, upper-cased, without its arguments (`NONEXISTENT`), if any.
        var code: String?
        /// The whole text after the status word.
        var text: String
    }

    /// Whether `word` looks like a command tag: letters then digits (`A001`, `a12`).
    static func isTag(_ word: Substring) -> Bool {
        guard let firstDigit = word.firstIndex(where: \.isASCIIDigitCharacter), firstDigit != word.startIndex
        else { return false }
        return word[..<firstDigit].allSatisfy(\.isASCIILetterCharacter)
            && word[firstDigit...].allSatisfy(\.isASCIIDigitCharacter)
    }

    /// The lines of a response, split on CRLF or LF (never on `Character` "\r\n" pitfalls: works on scalars).
    static func lines(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    }

    /// Parses a tagged status line, or nil when the line is not one.
    static func tagged(_ line: Substring) -> Tagged? {
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard words.count >= 2, isTag(words[0]), let status = Tagged.Status(rawValue: words[1].uppercased())
        else { return nil }
        let text = words.count > 2 ? String(words[2]) : ""
        return Tagged(tag: String(words[0]), status: status, code: responseCode(text), text: text)
    }

    /// The response code at the start of `text` (`[TRYCREATE] ...` -> `TRYCREATE`), upper-cased.
    static func responseCode(_ text: String) -> String? {
        guard text.hasPrefix("["), let close = text.firstIndex(of: "]") else { return nil }
        let inner = text[text.index(after: text.startIndex)..<close]
        return inner.split(separator: " ").first.map { $0.uppercased() }
    }

    /// UIDs from `* SEARCH n n ...` lines and `* ESEARCH ... UID ALL set` lines, in order, de-duplicated.
    static func searchResults(_ text: String) -> [UInt32] {
        var uids: [UInt32] = []
        for line in lines(text) {
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0] == "*" else { continue }
            switch words[1].uppercased() {
            case "SEARCH":
                uids += words.dropFirst(2).compactMap { UInt32($0) }
            case "ESEARCH":
                if let index = words.firstIndex(where: { $0.uppercased() == "ALL" }), index + 1 < words.count {
                    uids += UIDSet.parse(String(words[index + 1])) ?? []
                }
            default:
                continue
            }
        }
        var seen = Set<UInt32>()
        return uids.filter { seen.insert($0).inserted }
    }

    /// The attributes of `* STATUS mailbox (MESSAGES n UIDNEXT n UIDVALIDITY n ...)`.
    static func status(_ text: String) -> MailboxStatus? {
        for line in lines(text) where line.uppercased().hasPrefix("* STATUS ") {
            guard let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")"), open < close else {
                continue
            }
            let pairs = attributePairs(line[line.index(after: open)..<close])
            guard let validity = pairs["UIDVALIDITY"], let next = pairs["UIDNEXT"], let messages = pairs["MESSAGES"]
            else { continue }
            return MailboxStatus(
                uidValidity: UInt32(clamping: validity), uidNext: UInt32(clamping: next), messages: Int(messages),
                unseen: pairs["UNSEEN"].map(Int.init))
        }
        return nil
    }

    /// `RFC822.SIZE` per UID from `* n FETCH (UID u RFC822.SIZE s ...)` lines.
    ///
    /// A listing has one such line per message, so the lines are read on their bytes; a line with a byte that
    /// is not ASCII, or a number with a sign, goes through ``fetchSize(characters:)``, which defines the result
    /// (the character parser took 66 K instructions a line).
    static func fetchSizes(_ text: String) -> [UInt32: Int] {
        var sizes: [UInt32: Int] = [:]
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                if end > start {
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    let found: (uid: UInt32, size: Int)?
                    switch FetchLineScan(line).size {
                    case .found(let uid, let size): found = (uid, size)
                    case .none: found = nil
                    case .unsure: found = fetchSize(characters: Substring(String(decoding: line, as: UTF8.self)))
                    }
                    if let found { sizes[found.uid] = found.size }
                }
                start = end + 1
            }
        }
        return sizes
    }

    /// The UID and size of one `* n FETCH (...)` line, read as characters: the definition of ``fetchSizes(_:)``
    /// for one line. A size beyond `Int.max` is clamped (it trapped before: a server's line could stop intake).
    static func fetchSize(characters line: Substring) -> (uid: UInt32, size: Int)? {
        guard let items = fetchItems(line), let uid = items["UID"], let size = items["RFC822.SIZE"] else { return nil }
        return (UInt32(clamping: uid), Int(clamping: size))
    }

    /// ``fetchSizes(_:)`` with every line read as characters (what it does for lines that are not ASCII).
    static func fetchSizesByCharacter(_ text: String) -> [UInt32: Int] {
        var sizes: [UInt32: Int] = [:]
        for line in lines(text) {
            if let found = fetchSize(characters: line) { sizes[found.uid] = found.size }
        }
        return sizes
    }

    /// `FLAGS` per UID from `* n FETCH (UID u FLAGS (\\Seen ...))` lines.
    static func fetchFlags(_ text: String) -> [UInt32: Set<MessageFlag>] {
        var result: [UInt32: Set<MessageFlag>] = [:]
        for line in lines(text) {
            guard let items = fetchItems(line), let uid = items["UID"],
                let start = line.range(of: "FLAGS (", options: .caseInsensitive),
                let end = line[start.upperBound...].firstIndex(of: ")")
            else { continue }
            let flags = line[start.upperBound..<end].split(separator: " ").map { MessageFlag(rawValue: String($0)) }
            result[UInt32(clamping: uid)] = Set(flags)
        }
        return result
    }

    /// Capabilities from `* CAPABILITY ...` lines or a `[CAPABILITY ...]` response code, upper-cased.
    static func capabilities(_ text: String) -> Set<String> {
        var result = Set<String>()
        for line in lines(text) {
            let upper = line.uppercased()
            if upper.hasPrefix("* CAPABILITY ") {
                result.formUnion(upper.dropFirst("* CAPABILITY ".count).split(separator: " ").map(String.init))
            } else if let start = upper.range(of: "[CAPABILITY "),
                let end = upper[start.upperBound...].firstIndex(of: "]")
            {
                result.formUnion(upper[start.upperBound..<end].split(separator: " ").map(String.init))
            }
        }
        return result
    }

    /// The number-valued items of a `* n FETCH (...)` line (`UID`, `RFC822.SIZE`), skipping lists like FLAGS.
    private static func fetchItems(_ line: Substring) -> [String: UInt64]? {
        let words = line.split(separator: " ", maxSplits: 3)
        guard words.count == 4, words[0] == "*", words[2].uppercased() == "FETCH", words[3].hasPrefix("(") else {
            return nil
        }
        var body = words[3].dropFirst()
        if body.hasSuffix(")") { body = body.dropLast() }
        return attributePairs(body)
    }

    /// `NAME number` pairs from a flat attribute list; parenthesised values (FLAGS (...)) are skipped.
    private static func attributePairs(_ list: Substring) -> [String: UInt64] {
        var pairs: [String: UInt64] = [:]
        var depth = 0
        var tokens: [Substring] = []
        for token in list.split(separator: " ") {
            if depth == 0 && !token.hasPrefix("(") { tokens.append(token) } else { tokens.append("") }
            depth += token.filter { $0 == "(" }.count - token.filter { $0 == ")" }.count
        }
        var index = 0
        while index + 1 < tokens.count {
            if let value = UInt64(tokens[index + 1]), !tokens[index].isEmpty {
                pairs[tokens[index].uppercased()] = value
                index += 2
            } else {
                index += 1
            }
        }
        return pairs
    }
}

/// One line of a `FETCH` listing read on its bytes, step for step as ``IMAPResponse/fetchSize(characters:)`` reads
/// it as characters: words split on spaces with empty ones left out, at most four, the fourth the rest of the line;
/// then the attribute list's tokens, those inside parentheses blanked, paired with the number after them.
struct FetchLineScan {
    enum Size: Equatable {
        /// The line has both numbers.
        case found(uid: UInt32, size: Int)
        /// The line is not a FETCH line with both numbers.
        case none
        /// The line has a byte that is not ASCII or a number with a sign: read it as characters.
        case unsure
    }

    let size: Size

    init(_ line: UnsafeBufferPointer<UInt8>) {
        size = Self.scan(line)
    }

    private static func scan(_ line: UnsafeBufferPointer<UInt8>) -> Size {
        if line.contains(where: { $0 >= 0x80 }) { return .unsure }
        let space = UInt8(ascii: " ")
        // `split(separator: " ", maxSplits: 3)`: three words, then the rest after the space that ended the third.
        var words: [Range<Int>] = []
        var index = 0
        var wordStart = 0
        while index < line.count, words.count < 3 {
            if line[index] == space {
                if index > wordStart { words.append(wordStart..<index) }
                wordStart = index + 1
            }
            index += 1
        }
        if words.count < 3 {
            // The line ended before a fourth word could start.
            return .none
        }
        let rest = wordStart..<line.count
        guard !rest.isEmpty, line[rest.lowerBound] == UInt8(ascii: "("),
            words[0].count == 1, line[words[0].lowerBound] == UInt8(ascii: "*"),
            ASCIIBytes.equalsUppercased(line, words[2], "FETCH")
        else { return .none }
        var body = (rest.lowerBound + 1)..<rest.upperBound
        if !body.isEmpty, line[body.upperBound - 1] == UInt8(ascii: ")") {
            body = body.lowerBound..<(body.upperBound - 1)
        }
        // The attribute list's tokens; those at depth > 0 or opening a list are blanked (nil).
        var tokens: [Range<Int>?] = []
        var depth = 0
        var tokenStart = body.lowerBound
        var position = body.lowerBound
        while position <= body.upperBound {
            if position == body.upperBound || line[position] == space {
                if position > tokenStart {
                    let token = tokenStart..<position
                    tokens.append(depth == 0 && line[tokenStart] != UInt8(ascii: "(") ? token : nil)
                    for byte in line[token] {
                        if byte == UInt8(ascii: "(") { depth += 1 } else if byte == UInt8(ascii: ")") { depth -= 1 }
                    }
                }
                tokenStart = position + 1
            }
            position += 1
        }
        var uid: UInt64?
        var size: UInt64?
        var pair = 0
        while pair + 1 < tokens.count {
            guard let name = tokens[pair], let valueRange = tokens[pair + 1] else {
                pair += 1
                continue
            }
            switch ASCIIBytes.decimal(line, valueRange) {
            case .unsure: return .unsure
            case .none: pair += 1
            case .value(let value):
                if ASCIIBytes.equalsUppercased(line, name, "UID") {
                    uid = value
                } else if ASCIIBytes.equalsUppercased(line, name, "RFC822.SIZE") {
                    size = value
                }
                pair += 2
            }
        }
        guard let uid, let size else { return .none }
        return .found(uid: UInt32(clamping: uid), size: Int(clamping: size))
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
    fileprivate var isASCIILetterCharacter: Bool { isASCII && isLetter }
}
