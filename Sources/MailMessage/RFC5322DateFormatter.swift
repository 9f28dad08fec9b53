import Foundation

/// Formats dates for the Date header (RFC 5322 3.3): `Sat, 22 Aug 2015 19:22:20 +0200`.
///
/// Pure arithmetic on the proleptic Gregorian calendar: no locale, no time zone database, no clock.
public enum RFC5322DateFormatter {
    /// `date` as seen at `utcOffset` seconds east of UTC (rounded to whole minutes, at most ±99:59),
    /// fractions of a second dropped.
    public static func string(from date: Date, utcOffset: Int = 0) -> String {
        let offsetMinutes = max(-5999, min(5999, Int((Double(utcOffset) / 60).rounded())))
        let seconds = Int64((date.timeIntervalSince1970).rounded(.down)) + Int64(offsetMinutes) * 60
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civilDate(daysSince1970: days)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (index 4)
        let sign = offsetMinutes < 0 ? "-" : "+"
        let zone = two(abs(offsetMinutes) / 60) + two(abs(offsetMinutes) % 60)
        let time = "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        return "\(weekdays[weekday]), \(day) \(months[month - 1]) \(year) \(time) \(sign)\(zone)"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Year, month (1-12) and day from days since 1970-01-01 (H. Hinnant's civil_from_days).
    static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
