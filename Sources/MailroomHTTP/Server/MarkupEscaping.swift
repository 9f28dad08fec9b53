/// Escaping for text and attribute values in HTML and SVG written by hand (the feedback pages, the console's
/// charts): `& < > " '`, the same characters the Mustache engine escapes.
enum MarkupEscaping {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
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
