/// Reads Message-ID, In-Reply-To and References values: `<id>` tokens, leniently.
public enum MessageIDParser {
    /// Every message id in `value`, without angle brackets. Ids written without brackets (a common breakage)
    /// are accepted when they contain `@`; comments and white space are ignored.
    public static func ids(in value: String) -> [String] {
        var ids: [String] = []
        var bracketed = false
        var index = value.startIndex
        while let open = value[index...].firstIndex(of: "<") {
            guard let close = value[open...].firstIndex(of: ">") else { break }
            let id = value[value.index(after: open)..<close].removingWhitespace()
            if !id.isEmpty { ids.append(id) }
            bracketed = true
            index = value.index(after: close)
        }
        if bracketed { return ids }
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
            .filter { $0.contains("@") && !$0.hasPrefix("(") }
            .map(String.init)
    }
}
