import Foundation

extension DateParser {
    /// Collects day, month, year, time and zone from the words of a date, in any order.
    struct Fields {
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (hour: Int, minute: Int, second: Int)?
        var offset: Int?
        var pm: Bool?

        mutating func consume(_ word: Substring) {
            let lower = word.lowercased()
            if lower == "am" || lower == "pm" {
                pm = lower == "pm"
                return
            }
            if word.contains(":") || (word.contains(".") && word.split(separator: ".").count == 3 && time == nil) {
                if time == nil, let parsed = Self.time(word) {
                    time = parsed
                    return
                }
            }
            if let first = word.first, first == "+" || first == "-", offset == nil,
                let zone = DateParser.zoneOffset(String(word))
            {
                offset = zone
                return
            }
            if word.allSatisfy(\.isNumber), let value = Int(word) {
                consumeNumber(value, digits: word.count)
                return
            }
            if month == nil, lower.count >= 3, let index = Self.months.firstIndex(where: { lower.hasPrefix($0) }) {
                month = index + 1
                return
            }
            if offset == nil, let zone = DateParser.zoneOffset(String(word)) { offset = zone }
        }

        private mutating func consumeNumber(_ value: Int, digits: Int) {
            if digits >= 3 || (day != nil && year == nil && month != nil) || value > 31 {
                if year == nil {
                    year =
                        digits == 2
                        ? (value < 50 ? 2000 + value : 1900 + value)
                        : digits == 3 ? 1900 + value : value
                }
            } else if day == nil {
                day = value
            } else if year == nil {
                year = value < 50 ? 2000 + value : 1900 + value
            }
        }

        private static func time(_ word: Substring) -> (Int, Int, Int)? {
            let separator: Character = word.contains(":") ? ":" : "."
            let parts = word.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts.count <= 3, let hour = Int(parts[0]), let minute = Int(parts[1]),
                hour <= 24, minute <= 59
            else { return nil }
            let secondText = parts.count == 3 ? parts[2].prefix { $0.isNumber } : "0"
            guard let second = Int(secondText), second <= 60 else { return nil }
            return (hour, minute, min(second, 59))
        }

        func date() -> Date? {
            guard let day, let month, let year, (1...31).contains(day) else { return nil }
            var hour = time?.hour ?? 0
            if let pm, hour <= 12 { hour = pm ? (hour % 12) + 12 : hour % 12 }
            return Self.makeDate(
                year: year, month: month, day: day, hour: hour, minute: time?.minute ?? 0,
                second: time?.second ?? 0, offset: offset ?? 0)
        }

        /// Days from the civil calendar (proleptic Gregorian), without Calendar or time zone databases.
        static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int)
            -> Date?
        {
            guard (1...12).contains(month), (1...31).contains(day), (1000...9999).contains(year) else { return nil }
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            let days = era * 146_097 + dayOfEra - 719_468
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }

        private static let months = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
    }
}
