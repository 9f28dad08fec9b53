import Foundation
import MailroomCore
import Testing

@Suite struct DateDigitsTests {
    @Test func rollupDaysAreWhatTheFormatterWrites() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let date = Date(
                timeIntervalSince1970: Double.random(in: -62_000_000_000..<250_000_000_000, using: &generator))
            let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
            let (year, month, day) = KPIContribution.civil(fromDays: days)
            #expect(KPIContribution.day(date) == String(format: "%04d-%02d-%02d", year, month, day))
        }
        #expect(KPIContribution.day(Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(KPIContribution.day(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29")
    }

    @Test func fieldsArePaddedToTheirWidth() {
        var bytes: [UInt8] = []
        DateDigits.append(7, width: 3, to: &bytes)
        DateDigits.append(0, width: 2, to: &bytes)
        DateDigits.append(2026, width: 4, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "007002026")
        #expect(DateDigits.day(year: 33, month: 1, day: 9) == "0033-01-09")
    }
}
