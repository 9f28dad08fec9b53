import Foundation

/// Working hours for SLA clocks (`sla.businessHours`, e.g. `Mon-Fri 09:00-17:00 Europe/Berlin`): a set of weekdays,
/// one daily window in local time, and a time zone whose rules (DST included) decide where each day's window
/// falls. Without business hours, an SLA clock runs around the clock.
public struct BusinessHours: Sendable, Hashable {
    /// The weekdays with working hours (1 = Sunday ... 7 = Saturday, as `Calendar` counts).
    public var weekdays: Set<Int>
    /// The start of the window, in minutes after local midnight.
    public var openMinute: Int
    /// The end of the window, in minutes after local midnight (after `openMinute`).
    public var closeMinute: Int
    /// The zone the window is in.
    public var timeZone: TimeZone

    private static let days = ["sun": 1, "mon": 2, "tue": 3, "wed": 4, "thu": 5, "fri": 6, "sat": 7]

    /// Reads `Mon-Fri 09:00-17:00 Europe/Berlin` (days as a range or a comma list: `Mon,Wed,Fri`; the zone as an
    /// IANA name, default UTC); nil when it cannot be read.
    public init?(_ text: String) {
        let parts = text.split(separator: " ").map(String.init)
        guard (2...3).contains(parts.count), let weekdays = Self.weekdays(parts[0]) else { return nil }
        let times = parts[1].split(separator: "-").map(String.init)
        guard times.count == 2, let open = Self.minute(times[0]), let close = Self.minute(times[1]), open < close,
            let zone = TimeZone(identifier: parts.count == 3 ? parts[2] : "UTC")
        else { return nil }
        self.weekdays = weekdays
        openMinute = open
        closeMinute = close
        timeZone = zone
    }

    /// The moment `minutes` of working time after `start` (a start outside the window waits for the next one).
    public func adding(minutes: Double, to start: Date) -> Date {
        var remaining = minutes * 60
        var cursor = start
        for _ in 0..<3700 {
            guard let (open, close) = window(containingOrAfter: cursor) else { return cursor }
            let begin = max(cursor, open)
            let available = close.timeIntervalSince(begin)
            if remaining <= available { return begin.addingTimeInterval(remaining) }
            remaining -= available
            cursor = close
        }
        return cursor
    }

    /// Working seconds between two moments (0 when `end` is not after `start`).
    public func workingSeconds(from start: Date, to end: Date) -> Double {
        var total = 0.0
        var cursor = start
        for _ in 0..<3700 where cursor < end {
            guard let (open, close) = window(containingOrAfter: cursor), open < end else { break }
            total += min(close, end).timeIntervalSince(max(cursor, open))
            cursor = close
        }
        return total
    }

    /// The working window that contains `date`, or the next one after it.
    func window(containingOrAfter date: Date) -> (Date, Date)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var day = calendar.startOfDay(for: date)
        for _ in 0..<8 {
            if weekdays.contains(calendar.component(.weekday, from: day)),
                let open = Self.wallClock(openMinute, on: day, calendar),
                let close = Self.wallClock(closeMinute, on: day, calendar), close > date
            {
                return (open, close)
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = next
        }
        return nil
    }

    /// The moment the local clock shows `minute` on `day` (24:00 is the next day's midnight), so a window keeps
    /// its wall-clock hours on the days the clocks change.
    private static func wallClock(_ minute: Int, on day: Date, _ calendar: Calendar) -> Date? {
        if minute >= 1440 { return calendar.date(byAdding: .day, value: 1, to: day) }
        return calendar.date(bySettingHour: minute / 60, minute: minute % 60, second: 0, of: day)
    }

    private static func weekdays(_ text: String) -> Set<Int>? {
        let lower = text.lowercased()
        if lower.contains(",") {
            let days = lower.split(separator: ",").compactMap { Self.days[String($0)] }
            return days.count == lower.split(separator: ",").count ? Set(days) : nil
        }
        let range = lower.split(separator: "-").map(String.init)
        guard let first = Self.days[range[0]] else { return nil }
        guard range.count == 2, let last = Self.days[range[1]] else { return range.count == 1 ? [first] : nil }
        var days: Set<Int> = []
        var day = first
        while true {
            days.insert(day)
            if day == last { break }
            day = day % 7 + 1
        }
        return days
    }

    private static func minute(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour),
            (0..<60).contains(minute), hour * 60 + minute <= 1440
        else { return nil }
        return hour * 60 + minute
    }
}
