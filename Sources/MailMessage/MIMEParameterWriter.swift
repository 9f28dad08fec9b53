/// Writes the file-name parameters of attachment parts, each as tokens the header folder may fold between.
///
/// A short printable-ASCII name is quoted as is (`filename="report.pdf"`). Any other name (non-ASCII, quotes,
/// backslashes, controls, long) goes into Content-Disposition as RFC 2231 `filename*=utf-8''...`, split into
/// `filename*0*=`, `filename*1*=`, ... when long, and into Content-Type `name` as RFC 2047 encoded words in a
/// quoted string, the form older clients (Outlook, Thunderbird) read.
enum MIMEParameterWriter {
    /// The longest name written as a plain quoted string.
    static let maxPlainName = 60
    /// The longest `filename*N*=...` segment.
    static let maxSegment = 70

    /// Content-Disposition `filename` parameters, one string per parameter (several for a long name).
    static func filenameParameters(_ filename: String) -> [String] {
        if isPlain(filename) { return ["filename=\"\(filename)\""] }
        let encoded = percentEncodedScalars(filename)
        let single = "filename*=utf-8''" + encoded.joined()
        if single.utf8.count <= maxSegment { return [single] }
        var parameters: [String] = []
        var segment = ""
        for piece in encoded {
            let prefix = parameters.isEmpty ? "filename*0*=utf-8''" : "filename*\(parameters.count)*="
            if !segment.isEmpty, (prefix + segment + piece).utf8.count > maxSegment {
                parameters.append(prefix + segment)
                segment = ""
            }
            segment += piece
        }
        let prefix = parameters.isEmpty ? "filename*0*=utf-8''" : "filename*\(parameters.count)*="
        parameters.append(prefix + segment)
        return parameters
    }

    /// Content-Type `name` parameter as tokens separated by white space (one token when plain).
    static func nameTokens(_ filename: String) -> [String] {
        if isPlain(filename) { return ["name=\"\(filename)\""] }
        var words = EncodedWord.words(filename, maxLength: maxPlainName)
        guard !words.isEmpty else { return [] }
        words[0] = "name=\"" + words[0]
        words[words.count - 1] += "\""
        return words
    }

    /// Whether a name can be written as a plain quoted string.
    static func isPlain(_ filename: String) -> Bool {
        let bytes = filename.utf8
        guard !bytes.isEmpty, bytes.count <= maxPlainName, !filename.contains("=?"),
            bytes.first != 0x20, bytes.last != 0x20
        else { return false }
        return bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }

    /// The UTF-8 of each scalar, percent-encoded where RFC 2231 requires it (one string per scalar, so
    /// segments never split a character).
    private static func percentEncodedScalars(_ text: String) -> [String] {
        text.unicodeScalars.map { scalar in
            var out = ""
            for byte in UTF8.encode(scalar)! {
                if isAttributeChar(byte) {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out += "%" + String(byte >> 4, radix: 16, uppercase: true)
                    out += String(byte & 0x0F, radix: 16, uppercase: true)
                }
            }
            return out
        }
    }

    /// RFC 2231 attribute-char: ASCII but space, controls, `*`, `'`, `%` and the RFC 2045 tspecials.
    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$&+-.^_`|~".utf8.contains(byte)
        }
    }
}
