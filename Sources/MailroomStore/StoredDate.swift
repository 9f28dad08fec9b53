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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        let fields: [(value: Int, width: Int, separator: UInt8?)] = [
            (year, 4, UInt8(ascii: "-")), (month, 2, UInt8(ascii: "-")), (day, 2, UInt8(ascii: " ")),
            (ofDay / 3_600_000, 2, UInt8(ascii: ":")), (ofDay / 60_000 % 60, 2, UInt8(ascii: ":")),
            (ofDay / 1000 % 60, 2, UInt8(ascii: ".")), (ofDay % 1000, 3, nil),
        ]
        for field in fields {
            DateDigits.append(field.value, width: field.width, to: &bytes)
            if let separator = field.separator { bytes.append(separator) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
