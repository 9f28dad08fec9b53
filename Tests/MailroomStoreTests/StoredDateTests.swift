import Foundation
import GRDB
import Testing

@testable import MailroomStore

@Suite struct StoredDateTests {
    @Test func writesWhatGRDBWritesForEveryKindOfDate() {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_400),  // 2100-03-01
            Date(timeIntervalSince1970: 253_402_300_799.999),  // 9999-12-31 23:59:59.999
            Date(timeIntervalSince1970: 1_780_000_000.9999), Date(timeIntervalSince1970: 1_780_000_000.0005),
            Date(timeIntervalSince1970: 1_780_000_000.001), Date(timeIntervalSince1970: 1_780_000_000.999_999_9),
            Date(),
        ]
        for _ in 0..<20_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<4_200_000_000, using: &generator)))
            // Near whole milliseconds, where rounding and truncation differ.
            let second = Double(Int.random(in: 0..<2_000_000_000, using: &generator))
            let millisecond = Double(Int.random(in: 0..<1000, using: &generator)) / 1000
            dates.append(Date(timeIntervalSince1970: second + millisecond - 1e-7))
            dates.append(Date(timeIntervalSince1970: second + millisecond + 1e-7))
        }
        var mismatches: [String] = []
        for date in dates where StoredDate.value(date) != date.databaseValue {
            mismatches.append("\(date.timeIntervalSince1970): \(StoredDate.value(date)) != \(date.databaseValue)")
        }
        let sample = mismatches.prefix(3).joined(separator: "; ")
        #expect(mismatches.count == 0, "\(sample)")
    }

    @Test func datesOutsideTheFastRangeGoThroughGRDB() {
        let early = Date(timeIntervalSince1970: -1_000_000_000)
        #expect(StoredDate.text(early) == nil)
        #expect(StoredDate.value(early) == early.databaseValue)
        #expect(StoredDate.text(Date(timeIntervalSince1970: 1_780_000_000.25)) == "2026-05-28 20:26:40.250")
    }

    @Test func storedTextReadsBackAsTheSameMillisecond() throws {
        let date = Date(timeIntervalSince1970: 1_780_000_000.123)
        let read = try #require(Date.fromDatabaseValue(StoredDate.value(date)))
        #expect(abs(read.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.0005)
    }
}
