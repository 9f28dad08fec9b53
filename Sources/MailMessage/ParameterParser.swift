/// Parses structured MIME header values: `value; name=token; name="quoted"; name*0*=utf-8''%E2%82%AC ...`.
///
/// Lenient: comments are skipped, missing `;` separators are tolerated (the RFC 2231 erratum), RFC 2231
/// continuations and charsets are joined and decoded, and RFC 2047 words inside quoted values (a common
/// non-standard practice for file names) are decoded.
enum ParameterParser {
    struct Parsed {
        var value: String
        var parameters: [String: String]
        var defects: [Defect]
    }

    /// Structured values longer than this are cut (a Content-Type is a few hundred bytes; this bounds the
    /// look-ahead over pathological input).
    static let maxValueLength = 16 * 1024

    static func parse(_ text: String) -> Parsed {
        var scanner = Scanner(Array(text.utf8.prefix(maxValueLength)))
        let value = scanner.readValue()
        var raw: [(name: String, value: String, quoted: Bool)] = []
        var defects: [Defect] = []
        while scanner.skipSeparators() {
            guard let name = scanner.readName() else {
                defects.append(Defect(.malformedParameter, "unreadable parameter"))
                scanner.skipToSemicolon()
                continue
            }
            guard scanner.consume(UInt8(ascii: "=")) else {
                defects.append(Defect(.malformedParameter, name))
                scanner.skipToSemicolon()
                continue
            }
            let (paramValue, quoted) = scanner.readParameterValue()
            if !scanner.atSeparatorOrEnd { defects.append(Defect(.malformedParameter, "missing ';' after \(name)")) }
            raw.append((name.lowercased(), paramValue, quoted))
        }
        let (parameters, joinDefects) = assemble(raw)
        return Parsed(value: value, parameters: parameters, defects: defects + joinDefects)
    }

    /// Joins RFC 2231 continuations (`name*0`, `name*1*`), applies `charset'language'` and percent-decoding.
    private static func assemble(_ raw: [(name: String, value: String, quoted: Bool)]) -> ([String: String], [Defect]) {
        var plain: [String: String] = [:]
        var segments: [String: [(index: Int, value: String, extended: Bool)]] = [:]
        var defects: [Defect] = []
        for (name, value, quoted) in raw {
            let extended = name.hasSuffix("*")
            let base = extended ? String(name.dropLast()) : name
            if let star = base.lastIndex(of: "*"), let index = Int(base[base.index(after: star)...]) {
                segments[String(base[..<star]), default: []].append((index, value, extended))
            } else if extended {
                segments[base, default: []].append((-1, value, true))
            } else if plain[base] == nil {
                plain[base] = quoted && value.contains("=?") ? EncodedWord.decode(value) : value
            } else {
                defects.append(Defect(.malformedParameter, "duplicate \(base)"))
            }
        }
        for (base, parts) in segments {
            plain[base] = joinSegments(parts.sorted { $0.index < $1.index })
        }
        return (plain, defects)
    }

    private static func joinSegments(_ parts: [(index: Int, value: String, extended: Bool)]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (position, part) in parts.enumerated() {
            var value = Substring(part.value)
            if part.extended, position == 0 {
                let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3 {
                    charset = pieces[0].isEmpty ? nil : String(pieces[0])
                    value = pieces[2]
                }
            }
            bytes += part.extended ? percentDecode(value) : Array(value.utf8)
        }
        return Charset.decode(bytes, label: charset ?? "utf-8").text
    }

    private static func percentDecode(_ text: Substring) -> [UInt8] {
        var out: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hex(utf8[index + 1]), let low = hex(utf8[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(utf8[index])
                index += 1
            }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
