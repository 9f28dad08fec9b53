import Foundation
import Testing

@testable import MailMessage

@Suite struct DateParserTests {
    // 2012-04-03T12:23:59Z = 1333455839
    @Test(arguments: [
        ("Tue, 3 Apr 2012 16:23:59 +0400", 1_333_455_839),
        ("3 Apr 2012 16:23:59 +0400", 1_333_455_839),
        ("Tue, 03 Apr 2012 12:23:59 GMT", 1_333_455_839),
        ("Tue, 03 Apr 2012 12:23:59 UT", 1_333_455_839),
        ("Tue, 03 Apr 2012 05:23:59 PDT", 1_333_455_839),
        ("Tue, 03 Apr 2012 05:23:59 -0700 (PDT)", 1_333_455_839),
        ("Tue, 3 Apr 12 12:23:59 +0000", 1_333_455_839),
        ("Tuesday, 3 April 2012 12:23:59 +0000", 1_333_455_839),
        ("Tue, 3 Apr 2012 12:23:59", 1_333_455_839),
        ("3-Apr-2012 12:23:59 +0000", 1_333_455_839),
        ("2012-04-03T12:23:59Z", 1_333_455_839),
        ("2012-04-03T14:23:59+02:00", 1_333_455_839),
        ("Tue Apr  3 12:23:59 2012", 1_333_455_839),
        ("Tue, 3 Apr 2012 12.23.59 +0000", 1_333_455_839),
        ("Tue, 3 Apr 2012 12:23 +0000", 1_333_455_780),
        ("Tue, 3 Apr 2012 00:23:59 PM +0000", 1_333_455_839),
        ("Fri, 21 Nov 1997 09:55:06 -0600", 880_127_706),
        ("Sat, 29 Feb 2020 00:00:00 +0000", 1_582_934_400),
    ])
    func parses(text: String, epoch: Int) {
        #expect(DateParser.parse(text) == Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    @Test(arguments: ["", "yesterday", "Tue, 35 Foo 2012", "31 13 2012", "12:00:00 +0000"])
    func rejectsUnreadableDates(text: String) {
        #expect(DateParser.parse(text) == nil)
    }
}
