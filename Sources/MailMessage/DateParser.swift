import Foundation

/// Parses RFC 5322 dates and the broken forms seen in real mail: missing weekday or seconds, two-digit years,
/// zone names (GMT, EST, CEST, ...), missing zones (UTC assumed), comments, dots in times, full month names,
/// `21-Nov-2026`, ISO 8601 (`2026-11-21T10:00:00Z`) and asctime (`Sat Nov 21 10:00:00 2026`).
public enum DateParser {
    /// The instant, or nil when no date can be read.
    public static func parse(_ text: String) -> Date? {
        if let iso = parseISO(text) { return iso }
        var fields = Fields()
        for word in words(text) { fields.consume(word) }
        return fields.date()
    }

    private static func words(_ text: String) -> [Substring] {
        var cleaned = ""
        var depth = 0
        for char in text {
            switch char {
            case "(":
                depth += 1
                cleaned.append(" ")
            case ")":
                depth = max(0, depth - 1)
                cleaned.append(" ")
            default:
                if depth == 0 { cleaned.append(char == "," ? " " : char) }
            }
        }
        var result: [Substring] = []
        for word in cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
            // 21-Nov-2026 -> 21 Nov 2026 (but keep a leading zone sign like -0800).
            if word.contains("-"), !word.hasPrefix("-"), word.contains(where: \.isLetter) {
                result += word.split(separator: "-")
            } else {
                result.append(word)
            }
        }
        return result
    }

    /// `YYYY-MM-DD[T ]HH:MM[:SS][.fff][Z|±HH:MM]`.
    private static func parseISO(_ text: String) -> Date? {
        let trimmed = text.trimmed()
        let chars = Array(trimmed.utf8)
        guard chars.count >= 10, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            let year = Int(trimmed.prefix(4)), let month = number(chars, 5, 2), let day = number(chars, 8, 2)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var offset = 0
        if chars.count >= 16, chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " ") {
            guard let h = number(chars, 11, 2), let m = number(chars, 14, 2) else { return nil }
            hour = h
            minute = m
            var index = 16
            if index < chars.count, chars[index] == UInt8(ascii: ":"), let s = number(chars, index + 1, 2) {
                second = s
                index += 3
            }
            while index < chars.count,
                chars[index] == UInt8(ascii: ".") || (chars[index] >= 0x30 && chars[index] <= 0x39)
            {
                index += 1
            }
            if index < chars.count { offset = zoneOffset(String(decoding: chars[index...], as: UTF8.self)) ?? 0 }
        }
        return Fields.makeDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            offset: offset)
    }

    private static func number(_ chars: [UInt8], _ start: Int, _ length: Int) -> Int? {
        guard start + length <= chars.count else { return nil }
        var value = 0
        for index in start..<start + length {
            guard chars[index] >= 0x30, chars[index] <= 0x39 else { return nil }
            value = value * 10 + Int(chars[index] - 0x30)
        }
        return value
    }

    /// `+0200`, `-08:00`, `Z`, `GMT`, `EST`, `CEST`, ... -> seconds east of UTC.
    static func zoneOffset(_ text: String) -> Int? {
        let upper = text.uppercased()
        if let first = upper.first, first == "+" || first == "-" {
            let digits = upper.dropFirst().filter(\.isNumber)
            guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
            let hours = digits.count == 4 ? value / 100 : value
            let minutes = digits.count == 4 ? value % 100 : 0
            guard hours <= 23, minutes <= 59 else { return nil }
            return (first == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        return zoneNames[upper].map { $0 * 3600 }
    }

    private static let zoneNames: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "IST": 1, "CET": 1, "MET": 1, "MEZ": 1,
        "CEST": 2, "MEST": 2, "MESZ": 2, "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "HKT": 8,
        "SGT": 8, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "AKST": -9, "AKDT": -8, "HST": -10,
    ]
}
