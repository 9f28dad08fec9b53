import Foundation
import Testing

@testable import MailMessage

@Suite struct RFC5322DateFormatterTests {
    @Test(
        arguments: [
            (0, 0, "Thu, 1 Jan 1970 00:00:00 +0000"),
            (1_440_264_140, 7200, "Sat, 22 Aug 2015 19:22:20 +0200"),
            (1_333_374_330, -25200, "Mon, 2 Apr 2012 06:45:30 -0700"),
            (951_782_400, 0, "Tue, 29 Feb 2000 00:00:00 +0000"),
            (-86_400, 0, "Wed, 31 Dec 1969 00:00:00 +0000"),
            (1_700_000_000, 19_800, "Wed, 15 Nov 2023 03:43:20 +0530"),
            (4_102_444_799, 0, "Thu, 31 Dec 2099 23:59:59 +0000"),
            (1_709_164_800, -34_200, "Wed, 28 Feb 2024 14:30:00 -0930"),
        ] as [(Int, Int, String)])
    func knownDates(seconds: Int, offset: Int, expected: String) {
        #expect(
            RFC5322DateFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)), utcOffset: offset)
                == expected)
    }

    /// Foundation's own formatter, with a fixed locale and zone, as an independent oracle.
    @Test func agreesWithFoundation() {
        var generator = SeededGenerator(seed: 11)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        for _ in 0..<500 {
            let seconds = Int.random(in: -2_000_000_000...4_000_000_000, using: &generator)
            let offset = Int.random(in: -12 * 4...14 * 4, using: &generator) * 900
            formatter.timeZone = TimeZone(secondsFromGMT: offset)
            let date = Date(timeIntervalSince1970: TimeInterval(seconds) + 0.75)
            #expect(RFC5322DateFormatter.string(from: date, utcOffset: offset) == formatter.string(from: date))
        }
    }
}
