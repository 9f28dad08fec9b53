extension ReplyText {
    /// A device or app signature: "Sent from my iPhone", "Von meinem iPhone gesendet", "Get Outlook for iOS",
    /// "Sent via the Samsung Galaxy S21, an AT&T 5G smartphone", "Sent from TypeApp". A sentence that starts the
    /// same way ("Sent from my desk, which is easier than my phone") is not one: a device must be named within
    /// the first four words, or an app in one or two.
    static func isDeviceSignature(_ line: Line) -> Bool {
        guard !line.isLong, line.length <= 120 else { return false }
        let text = line.key.drop { "-—_ ".contains($0) }
        for start in deviceSignatureStarts where text.hasPrefix(start) {
            let words = text.dropFirst(start.count).split(separator: " ")
            if words.prefix(4).contains(where: namesDevice) { return true }
            if appSignatureStarts.contains(start), (1...2).contains(words.count),
                !words.contains(where: { $0.contains(",") || $0.contains(":") })
            {
                return true
            }
        }
        if deviceSignatureEnds.contains(where: { text.hasSuffix($0) }), text.count <= 60 {
            return text.split(separator: " ").contains(where: namesDevice)
        }
        return false
    }

    /// Whether a word starts with a device, maker, carrier or mail app name.
    static func namesDevice(_ word: Substring) -> Bool {
        let word = word.drop { !$0.isLetter && !$0.isNumber }
        return deviceWords.contains { word.hasPrefix($0) }
    }

    /// `-- ` always starts a signature; `--` alone only when a short block (at most 6 short lines, no question)
    /// follows before the end, the next quote or the history below.
    static func isSignatureDelimiter(_ lines: [Line], at index: Int) -> Bool {
        let raw = lines[index].raw
        if raw == "-- " || raw == "-- \u{00A0}" { return true }
        guard lines[index].key == "--" else { return false }
        var count = 0
        var position = index + 1
        while position < lines.count {
            let line = lines[position]
            if line.isQuoted || startsHistory(lines, at: position) { break }
            if attribution(in: lines, at: position)?.isStrong == true { break }
            position += 1
            if line.isBlank { continue }
            count += 1
            if count > 6 || line.isLong || line.length > 80 || line.key.hasSuffix("?") { return false }
        }
        return count > 0
    }

    /// Whether a mailing-list footer starts at `index`: a rule line (`____`, `--`, `-=-=-`, `====`) followed
    /// within six lines by a list's name, address, archive or unsubscribe line.
    static func startsListFooter(_ lines: [Line], at index: Int) -> Bool {
        let key = lines[index].key
        guard key.count >= 2, key.count <= 80, key.allSatisfy({ "-_=~—".contains($0) }) else { return false }
        var seen = 0
        for line in lines[(index + 1)...] where !line.isBlank {
            if isListFooterLine(line.key) { return true }
            seen += 1
            if seen >= 6 || line.isQuoted { return false }
        }
        return false
    }

    static func isListFooterLine(_ key: String) -> Bool {
        listFooterStarts.contains { key.hasPrefix($0) } || listFooterPhrases.contains { key.contains($0) }
    }

    /// How a line closes a message: a bare valediction ("Regards,"), one with a name ("Thanks, Anna"), or none.
    enum Valediction {
        case bare
        case withName
    }

    static func valediction(_ key: String) -> Valediction? {
        guard key.count <= 60 else { return nil }
        let text = key.trimmed([",", ".", "!", ";", " ", "-"])
        if valedictions.contains(text) { return .bare }
        guard let comma = text.firstIndex(of: ","), valedictions.contains(text[..<comma].trimmed()) else {
            return nil
        }
        let name = text[text.index(after: comma)...].split(separator: " ")
        return (1...3).contains(name.count) ? .withName : nil
    }

    /// Whether a line can belong to a signature block under a valediction: a name, a title, a company, a phone
    /// number, an address or a link; not a question, a P.S. or a sentence.
    static func isSignatureLine(_ key: String) -> Bool {
        if key.hasPrefix("p.s") || key.hasPrefix("ps:") || key.hasPrefix("ps ") || key.hasSuffix("?") {
            return false
        }
        let digits = key.filter(\.isNumber).count
        let contact = key.contains("@") || key.contains("http") || key.contains("www.") || digits >= 6
        let words = key.split(separator: " ")
        guard key.count <= (contact ? 100 : 60), words.count <= (contact ? 12 : 7) else { return false }
        guard key.hasSuffix(".") || key.hasSuffix("!"), !contact else { return true }
        return words.count <= 2
    }

    /// Whether a line is a short greeting ("Hi Anna,", "Hello!"), which alone does not make a top-post.
    static func isGreeting(_ key: String) -> Bool {
        guard key.count <= 40 else { return false }
        let words = key.trimmed([",", "!", ".", ":", " "])
        return greetings.contains { words == $0 || words.hasPrefix($0 + " ") }
    }
}
