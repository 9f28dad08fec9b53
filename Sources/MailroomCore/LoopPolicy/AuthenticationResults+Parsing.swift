extension AuthenticationResults {
    /// Parses a field value leniently: comments are dropped, quoted strings read, blanks around `=`
    /// tolerated, and a `method=result` pair that follows another method without a `;` starts a new result.
    /// Returns nil when there is no authserv-id.
    public static func parse(_ value: String) -> AuthenticationResults? {
        let segments = split(tokens(value))
        guard let head = segments.first, case .word(let id)? = head.first, !id.isEmpty else { return nil }
        var version: Int?
        if head.count > 1, case .word(let text) = head[1], head.count == 2 || head[2] != .equals {
            version = Int(text)
        }
        var results: [MethodResult] = []
        for segment in segments.dropFirst() {
            results += methodResults(pairs(segment))
        }
        return AuthenticationResults(authservID: id, version: version, results: results)
    }

    enum Token: Hashable {
        case word(String)
        case equals
        case semicolon
    }

    /// Words (quoted strings unquoted), `=` and `;`; comments and blanks dropped. ASCII without a carriage return
    /// (nearly every field) is read on its bytes, where each byte is a character.
    static func tokens(_ value: String) -> [Token] {
        var value = value
        let ascii: [Token]? = value.withUTF8 { bytes in
            bytes.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") } ? asciiTokens(bytes) : nil
        }
        return ascii ?? characterTokens(value)
    }

    /// ``tokens(_:)`` on the bytes of ASCII text with no carriage return (so every character is one byte).
    static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        var word: [UInt8] = []
        var depth = 0
        var (quoted, escaped, wasQuoted) = (false, false, false)
        func flush() {
            if !word.isEmpty || wasQuoted { tokens.append(.word(String(decoding: word, as: UTF8.self))) }
            word.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        for byte in bytes {
            if escaped {
                if depth == 0 { word.append(byte) }
                escaped = false
            } else if byte == UInt8(ascii: "\\") && (quoted || depth > 0) {
                escaped = true
            } else if quoted {
                if byte == UInt8(ascii: "\"") { quoted = false } else { word.append(byte) }
            } else if depth > 0 {
                if byte == UInt8(ascii: "(") { depth += 1 } else if byte == UInt8(ascii: ")") { depth -= 1 }
            } else {
                switch byte {
                case UInt8(ascii: "("):
                    flush()
                    depth = 1
                case UInt8(ascii: "\""):
                    quoted = true
                    wasQuoted = true
                case UInt8(ascii: "="):
                    flush()
                    tokens.append(.equals)
                case UInt8(ascii: ";"):
                    flush()
                    tokens.append(.semicolon)
                case 0x09...0x0D, 0x20: flush()
                default: word.append(byte)
                }
            }
        }
        flush()
        return tokens
    }

    /// ``tokens(_:)`` on the characters of any text.
    static func characterTokens(_ value: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var depth = 0
        var quoted = false
        var escaped = false
        var wasQuoted = false
        func flush() {
            if !word.isEmpty || wasQuoted { tokens.append(.word(word)) }
            word = ""
            wasQuoted = false
        }
        for character in value {
            if escaped {
                if depth == 0 { word.append(character) }
                escaped = false
            } else if character == "\\" && (quoted || depth > 0) {
                escaped = true
            } else if quoted {
                if character == "\"" { quoted = false } else { word.append(character) }
            } else if depth > 0 {
                if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            } else {
                switch character {
                case "(":
                    flush()
                    depth = 1
                case "\"":
                    quoted = true
                    wasQuoted = true
                case "=":
                    flush()
                    tokens.append(.equals)
                case ";":
                    flush()
                    tokens.append(.semicolon)
                case _ where character.isWhitespace: flush()
                default: word.append(character)
                }
            }
        }
        flush()
        return tokens
    }

    /// Tokens between `;`.
    static func split(_ tokens: [Token]) -> [[Token]] {
        tokens.split(separator: .semicolon, omittingEmptySubsequences: false).map(Array.init)
    }

    /// `key=value` pairs in a segment; words without `=` are skipped.
    static func pairs(_ segment: [Token]) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        var index = 0
        while index < segment.count {
            if index + 2 < segment.count, case .word(let key) = segment[index], segment[index + 1] == .equals,
                case .word(let value) = segment[index + 2]
            {
                pairs.append((key, value))
                index += 3
            } else {
                index += 1
            }
        }
        return pairs
    }

    /// Method results from a segment's pairs: `method[/version]=result`, then `reason=` and `ptype.property=`
    /// pairs; another plain `key=value` starts the next result.
    static func methodResults(_ pairs: [(key: String, value: String)]) -> [MethodResult] {
        var results: [MethodResult] = []
        for (key, value) in pairs {
            let lower = key.lowercased()
            if var current = results.last, lower == "reason" || lower.utf8.contains(UInt8(ascii: ".")) {
                if lower == "reason" {
                    if current.reason == nil { current.reason = value }
                } else if current.properties[lower] == nil {
                    current.properties[lower] = value
                }
                results[results.count - 1] = current
            } else if !lower.utf8.contains(UInt8(ascii: ".")), lower != "reason" {
                let parts = lower.split(separator: "/", maxSplits: 1)
                guard let method = parts.first else { continue }
                results.append(
                    MethodResult(
                        method: String(method), version: parts.count > 1 ? String(parts[1]) : nil,
                        result: value.lowercased()))
            }
        }
        return results
    }
}
