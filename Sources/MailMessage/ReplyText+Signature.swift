extension ReplyText {
    static let deviceSignatureStartTable = KeyTable(deviceSignatureStarts)
    static let appSignatureStartKeys = Set(appSignatureStarts.map { Key($0) })
    static let deviceSignatureEndKeys = deviceSignatureEnds.map { Key($0) }
    /// The last bytes of ``deviceSignatureEnds``, to skip the suffix tests for most lines.
    static let deviceSignatureEndLastBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for key in deviceSignatureEndKeys { table[Int(key.last ?? 0)] = true }
        return table
    }()
    static let deviceWordKeys = deviceWords.map { Key($0) }
    static let listFooterStartKeys = listFooterStarts.map { Key($0) }
    static let listFooterPhraseKeys = listFooterPhrases.map { Key($0) }
    static let disclaimerKeys = disclaimerWords.map { Key($0) }
    static let doubleUnderscore: Key = "__"

    /// A device or app signature: "Sent from my iPhone", "Von meinem iPhone gesendet", "Get Outlook for iOS",
    /// "Sent via the Samsung Galaxy S21, an AT&T 5G smartphone", "Sent from TypeApp". A sentence that starts the
    /// same way ("Sent from my desk, which is easier than my phone") is not one: a device must be named within
    /// the first five words, or an app in one or two.
    static func isDeviceSignature(_ line: Line) -> Bool {
        guard !line.isLong, line.length <= 120, !line.isBlank else { return false }
        var offset = 0
        while offset < line.key.bytes.count,
            line.key.bytes[offset] == 0x2D || line.key.bytes[offset] == 0x5F
                || line.key.bytes[offset] == 0x20
        {
            offset += 1
        }
        if let start = deviceSignatureStartTable.prefix(of: line.key, at: offset) {
            let words = line.key.dropFirst(offset + start.bytes.count).words
            if words.prefix(5).contains(where: namesDevice) { return true }
            if appSignatureStartKeys.contains(start), (1...2).contains(words.count),
                !words.contains(where: { $0.contains(byte: 0x2C) || $0.contains(byte: 0x3A) })
            {
                return true
            }
        }
        let text = line.key.last == 0x2E ? line.key.dropLast(1) : line.key
        if line.length <= 60, deviceSignatureEndLastBytes[Int(text.last ?? 0)],
            deviceSignatureEndKeys.contains(where: { text.hasSuffix($0) })
        {
            return text.words.contains(where: namesDevice)
        }
        return false
    }

    /// Whether a word names a device, maker, carrier or mail app ("iPhonesta", "ה-iPhone", "Galaxy-smarttelefon").
    static func namesDevice(_ word: Key) -> Bool {
        let word = Key(bytes: Array(word.bytes.drop { $0 < 0x80 && !isASCIILetterOrDigit($0) }))
        return deviceWordKeys.contains { $0.bytes.count >= 5 ? word.contains($0) : word.hasPrefix($0) }
    }

    static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
    }

    static func isListFooterLine(_ key: Key) -> Bool {
        listFooterStartKeys.contains { key.hasPrefix($0) } || listFooterPhraseKeys.contains { key.contains($0) }
    }

    /// A rule line (`____`, `----`, `--`, `-=-=-`, `———`), which never ends the customer's text.
    static func isRule(_ line: Line) -> Bool {
        guard !line.isLong, line.length >= 2, let first = line.key.first, ruleBytes.contains(first) || first == 0xE2
        else { return false }
        return line.key.trimmed(ruleBytes).isEmpty
    }

    /// How a line closes a message: a bare valediction ("Regards,"), one with a name ("Thanks, Anna"), or none.
    enum Valediction {
        case bare
        case withName
    }

    static func valediction(_ line: Line) -> Valediction? {
        guard !line.isLong, line.length <= 60 else { return nil }
        let text = line.key.trimmed(Array(",.!;- ".utf8))
        if valedictions.contains(text.description) { return .bare }
        guard let comma = text.bytes.firstIndex(of: 0x2C),
            valedictions.contains(Key(bytes: Array(text.bytes[..<comma])).trimmed([0x20]).description)
        else { return nil }
        let name = text.dropFirst(comma + 1).words
        return (1...3).contains(name.count) ? .withName : nil
    }

    /// Whether a line can belong to a signature block under a valediction: a name, a title, a company, a phone
    /// number, an address or a link; not a question, a P.S. or a sentence.
    static func isSignatureLine(_ line: Line) -> Bool {
        let key = line.key
        if line.isLong || key.hasPrefix("p.s") || key.hasPrefix("ps:") || key.hasPrefix("ps ") || key.last == 0x3F {
            return false
        }
        let digits = key.bytes.filter { $0 >= 0x30 && $0 <= 0x39 }.count
        let contact = key.contains(byte: 0x40) || key.contains("http") || key.contains("www.") || digits >= 6
        let words = key.words.count
        guard line.length <= (contact ? 100 : 60), words <= (contact ? 12 : 7) else { return false }
        guard key.last == 0x2E || key.last == 0x21, !contact else { return true }
        return words <= 2
    }

    /// Whether a line is a short greeting ("Hi Anna,", "Hello!"), which alone does not make a top-post.
    static func isGreeting(_ line: Line) -> Bool {
        guard !line.isLong, line.length <= 40 else { return false }
        let words = line.key.trimmed(Array(",!.: ".utf8)).description
        return greetings.contains { words == $0 || words.hasPrefix($0 + " ") }
    }
}
