extension ParameterParser {
    /// A cursor over a structured header value that skips comments and white space between tokens.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        var atEnd: Bool { index >= bytes.count }

        var atSeparatorOrEnd: Bool {
            var probe = self
            probe.skipBlanksAndComments()
            return probe.atEnd || probe.bytes[probe.index] == UInt8(ascii: ";")
        }

        /// Skips white space and (nested) comments.
        mutating func skipBlanksAndComments() {
            while index < bytes.count {
                let byte = bytes[index]
                if byte.isASCIIWhitespace {
                    index += 1
                } else if byte == UInt8(ascii: "(") {
                    skipComment()
                } else {
                    return
                }
            }
        }

        private mutating func skipComment() {
            var depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "(") {
                    depth += 1
                } else if byte == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 { return }
                }
            }
        }

        /// The leading value (`type/subtype` or a disposition token) up to the first `;`.
        mutating func readValue() -> String {
            skipBlanksAndComments()
            var out: [UInt8] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: ";") {
                let byte = bytes[index]
                if byte == UInt8(ascii: "(") {
                    skipBlanksAndComments()
                    continue
                }
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    continue
                }
                if byte.isASCIIWhitespace, !out.isEmpty {
                    // "application/pdf name=x" (a missing ';'): the value ends where a parameter starts.
                    var probe = self
                    probe.skipBlanksAndComments()
                    if !probe.atEnd, probe.looksLikeParameter() { break }
                }
                if !byte.isASCIIWhitespace { out.append(byte.asciiLowercased) }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// Moves past `;` separators; false at the end of input.
        mutating func skipSeparators() -> Bool {
            while true {
                skipBlanksAndComments()
                guard index < bytes.count else { return false }
                guard bytes[index] == UInt8(ascii: ";") || bytes[index] == UInt8(ascii: ",") else { return true }
                index += 1
            }
        }

        mutating func skipToSemicolon() {
            while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            skipBlanksAndComments()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A parameter name: token characters up to `=`.
        mutating func readName() -> String? {
            skipBlanksAndComments()
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ";") || byte.isASCIIWhitespace
                    || byte == UInt8(ascii: "\"")
                {
                    break
                }
                index += 1
            }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        /// A quoted string (escapes removed) or a token. An unquoted value ends at `;`, or at white space
        /// that is followed by `;`, the end, or another `name=` (a missing separator).
        mutating func readParameterValue() -> (String, Bool) {
            skipBlanksAndComments()
            guard index < bytes.count else { return ("", false) }
            if bytes[index] == UInt8(ascii: "\"") { return (readQuoted(), true) }
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ";") { break }
                if byte.isASCIIWhitespace {
                    var probe = self
                    probe.skipBlanksAndComments()
                    if probe.atEnd || probe.bytes[probe.index] == UInt8(ascii: ";") || probe.looksLikeParameter() {
                        break
                    }
                }
                out.append(byte)
                index += 1
            }
            return (String(decoding: out, as: UTF8.self), false)
        }

        func looksLikeParameter() -> Bool {
            var probe = index
            while probe < bytes.count {
                let byte = bytes[probe]
                if byte == UInt8(ascii: "=") { return probe > index }
                if byte.isASCIIWhitespace || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\"") { return false }
                probe += 1
            }
            return false
        }

        private mutating func readQuoted() -> String {
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\\"), index < bytes.count {
                    out.append(bytes[index])
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    break
                } else if byte != 0x0D && byte != 0x0A {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
