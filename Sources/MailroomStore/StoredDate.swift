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
        let total = Int64(milliseconds)
        let days = total / 86_400_000
        let ofDay = total % 86_400_000
        let (year, month, day) = KPIContribution.civil(fromDays: Int(days))
        var bytes = [UInt8](repeating: 0, count: 23)
        func put(_ value: some BinaryInteger, at offset: Int, digits: Int) {
            var remaining = value
            for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
        }
        put(year, at: 0, digits: 4)
        bytes[4] = UInt8(ascii: "-")
        put(month, at: 5, digits: 2)
        bytes[7] = UInt8(ascii: "-")
        put(day, at: 8, digits: 2)
        bytes[10] = UInt8(ascii: " ")
        put(ofDay / 3_600_000, at: 11, digits: 2)
        bytes[13] = UInt8(ascii: ":")
        put(ofDay / 60_000 % 60, at: 14, digits: 2)
        bytes[16] = UInt8(ascii: ":")
        put(ofDay / 1000 % 60, at: 17, digits: 2)
        bytes[19] = UInt8(ascii: ".")
        put(ofDay % 1000, at: 20, digits: 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}
