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
    static func fetchSizes(_ text: String) -> [UInt32: Int] {
        var sizes: [UInt32: Int] = [:]
        for line in lines(text) {
            guard let items = fetchItems(line), let uid = items["UID"], let size = items["RFC822.SIZE"] else {
                continue
            }
            sizes[UInt32(clamping: uid)] = Int(size)
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

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
    fileprivate var isASCIILetterCharacter: Bool { isASCII && isLetter }
}
