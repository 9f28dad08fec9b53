/// Escaping for text and attribute values in HTML and SVG: `& < > " '`, the characters the Mustache engine
/// escapes, as whole Characters as it does (an ASCII mark followed by a combining one is not escaped). Used by the
/// template renderer (`TemplateProgram`), the feedback pages and the console's charts.
public enum MarkupEscaping {
    /// `text` with `& < > " '` written as character references.
    public static func escape(_ text: String) -> String {
        // Most values have nothing to escape: one pass over the bytes, and the text is returned as it is.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
