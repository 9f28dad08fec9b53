import Testing

@testable import MailTransport

struct UIDSearchWindowsTests {
    @Test func windowsBelowUIDNextThenTheRest() {
        var search = UIDSearchWindows(after: 0, uidNext: 45_000, limit: 100_000, eSearch: false)
        var commands: [String] = []
        while let command = search.command {
            commands.append(command)
            search.take(
                commands.count == 1 ? "* SEARCH 3 7" : commands.count == 2 ? "* SEARCH" : "* SEARCH 40001 44999")
        }
        #expect(commands == ["UID SEARCH UID 1:20000", "UID SEARCH UID 20001:40000", "UID SEARCH UID 40001:*"])
        #expect(search.uids == [3, 7, 40001, 44999])
    }

    @Test func theHighestUIDBelowTheRangeIsDropped() {
        // "n:*" matches the highest UID even when it is below n.
        var search = UIDSearchWindows(after: 5, uidNext: 6, limit: 10, eSearch: true)
        #expect(search.command == "UID SEARCH RETURN (ALL) UID 6:*")
        search.take("* ESEARCH (TAG \"m3\") UID ALL 5")
        #expect(search.command == nil)
        #expect(search.uids.isEmpty)
    }

    @Test func theLimitEndsTheSearch() {
        var search = UIDSearchWindows(after: 0, uidNext: 90_000, limit: 3, eSearch: true)
        search.take("* ESEARCH (TAG \"m1\") UID ALL 1:5")
        #expect(search.command == nil)
        #expect(search.uids == [1, 2, 3])
        #expect(UIDSearchWindows(after: UInt32.max, uidNext: 1, limit: 3, eSearch: true).command == nil)
        #expect(UIDSearchWindows(after: 0, uidNext: 1, limit: 0, eSearch: true).command == nil)
    }
}
