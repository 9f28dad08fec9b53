import Foundation
import GRDB
import MailroomCore

/// Dates as the store writes them: GRDB's text format `yyyy-MM-dd HH:mm:ss.SSS` in UTC (what `Date.databaseValue`
/// gives), written without a `DateFormatter`. GRDB formats each date through ICU, which took 3% of the gateway's
/// CPU and loads ICU's calendar data. Dates outside 1970-9999 go through GRDB as before.
enum StoredDate {
    /// The stored form of `date`.
    static func value(_ date: Date) -> DatabaseValue {
        guard let text = text(date) else { return date.databaseValue }
        return text.databaseValue
    }

    /// The stored text of a date in 1970-9999 (nil outside): the proleptic Gregorian calendar, milliseconds
    /// rounded to the nearest like Foundation's formatter.
    static func text(_ date: Date) -> String? {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard milliseconds >= 0, milliseconds < 253_402_300_800_000 else { return nil }
        let total = Int(milliseconds)
        let days = total / 86_400_000
        let ofDay = total % 86_400_000
        let (year, month, day) = KPIContribution.civil(fromDays: days)
        // Written straight into the string's storage (an array of fields and one of bytes cost 2,500 instructions a
        // date, and the audit trail writes several dates a message).
        return String(unsafeUninitializedCapacity: 23) { bytes in
            func put(_ value: Int, width: Int, at start: Int) {
                var rest = value
                for index in stride(from: start + width - 1, through: start, by: -1) {
                    bytes[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
            }
            put(year, width: 4, at: 0)
            bytes[4] = UInt8(ascii: "-")
            put(month, width: 2, at: 5)
            bytes[7] = UInt8(ascii: "-")
            put(day, width: 2, at: 8)
            bytes[10] = UInt8(ascii: " ")
            put(ofDay / 3_600_000, width: 2, at: 11)
            bytes[13] = UInt8(ascii: ":")
            put(ofDay / 60_000 % 60, width: 2, at: 14)
            bytes[16] = UInt8(ascii: ":")
            put(ofDay / 1000 % 60, width: 2, at: 17)
            bytes[19] = UInt8(ascii: ".")
            put(ofDay % 1000, width: 3, at: 20)
            return 23
        }
    }
}
