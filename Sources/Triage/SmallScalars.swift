/// Lowercasing, letters and capitals for the scalars below U+0300 (Latin, Latin-1, Latin Extended-A and -B, IPA,
/// spacing modifiers), read from tables. Each of these scalars is a character of its own (the only two-scalar
/// character among them is CR LF, which holds no letter), so text made of them can be read by scalar with the
/// same result as by `Character`.
enum SmallScalars {
    /// Scalars below this value are in the tables.
    static let limit: UInt32 = 0x300

    /// For each scalar below ``limit``: its lowercase form when `String.lowercased()` maps it to one scalar that
    /// is itself below the limit, with bit 31 set when that form is a letter (`Character.isLetter`); `UInt32.max`
    /// when the lowercase form is longer or beyond the limit (U+0130 becomes `i` and a combining dot).
    static let lowered: [UInt32] = (0..<limit).map { value in
        let scalar = Unicode.Scalar(value)!
        let lower = String(scalar).lowercased().unicodeScalars
        guard lower.count == 1, let only = lower.first, only.value < limit else { return UInt32.max }
        return only.value | (Character(only).isLetter ? 1 << 31 : 0)
    }

    /// Punctuation and symbols of mail text beyond the tables that are characters of their own, never letters
    /// and their own lowercase: dashes, quotation marks, bullets and the ellipsis (U+2010 to U+2027), the per mille
    /// sign to U+205E, and the currency signs (U+20A0 to U+20C0). They separate words, and text with them is read
    /// by scalar too.
    @inline(__always)
    static func isSeparator(_ value: UInt32) -> Bool {
        (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value) || (0x20A0...0x20C0).contains(value)
    }

    /// Every separator (``isSeparator(_:)``), in order.
    static let separators: [UInt32] = (UInt32(0x2010)...0x20C0).filter(isSeparator)

    /// For each scalar below ``limit``, as a character of its own: 1 when it is a letter (`Character.isLetter`),
    /// plus 2 when it is upper case (`Character.isUppercase`).
    static let letterFlags: [UInt8] = (0..<limit).map { value in
        let character = Character(Unicode.Scalar(value)!)
        return (character.isLetter ? 1 : 0) | (character.isUppercase ? 2 : 0)
    }

    /// The entry of `scalar` in a table of the scalars below the limit, `separator` for a separator, nil for any
    /// other scalar.
    @inline(__always)
    private static func entry<Entry>(_ scalar: Unicode.Scalar, in table: [Entry], separator: Entry) -> Entry? {
        if scalar.value < limit { return table[Int(scalar.value)] }
        return isSeparator(scalar.value) ? separator : nil
    }

    /// Whether most words of three letters or more (at least three such words) are in capitals, when every
    /// scalar of `text` is below the limit or a separator (``isSeparator(_:)``); nil otherwise.
    static func isShouting(_ text: String) -> Bool? {
        let flags = letterFlags
        var (capitals, total, length, upper) = (0, 0, 0, true)
        for scalar in text.unicodeScalars {
            guard let flag = entry(scalar, in: flags, separator: 0) else { return nil }
            if flag & 1 != 0 {
                length += 1
                upper = upper && flag & 2 != 0
                continue
            }
            if length >= 3 {
                total += 1
                if upper { capitals += 1 }
            }
            (length, upper) = (0, true)
        }
        if length >= 3 {
            total += 1
            if upper { capitals += 1 }
        }
        return total >= 3 && capitals * 2 > total
    }

    /// The lowercased letter runs of `text` when every scalar of it is a separator (``isSeparator(_:)``) or below
    /// the limit and lowercases to one such scalar; nil otherwise.
    static func words(_ text: String) -> [String]? {
        let table = lowered
        var words: [String] = []
        var scratch = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard let entry = entry(scalar, in: table, separator: 0), entry != UInt32.max else { return nil }
            if entry & (1 << 31) != 0 {
                scratch.append(Unicode.Scalar(entry & ~(1 << 31))!)
            } else if !scratch.isEmpty {
                words.append(String(scratch))
                scratch = String.UnicodeScalarView()
            }
        }
        if !scratch.isEmpty { words.append(String(scratch)) }
        return words
    }

    /// The packed trigram keys of `word` padded with a space on both sides, when all its scalars are below the
    /// limit; false (and nothing passed on) otherwise.
    static func eachTrigram(_ word: String, _ body: (UInt64) -> Void) -> Bool {
        guard word.unicodeScalars.allSatisfy({ $0.value < limit }) else { return false }
        var previous: (UInt64, UInt64) = (0, 0x20)
        var count = 1
        for scalar in word.unicodeScalars {
            let value = UInt64(scalar.value)
            count += 1
            if count >= 3 { body(previous.0 << 42 | previous.1 << 21 | value) }
            previous = (previous.1, value)
        }
        count += 1
        if count >= 3 { body(previous.0 << 42 | previous.1 << 21 | 0x20) }
        return true
    }
}
