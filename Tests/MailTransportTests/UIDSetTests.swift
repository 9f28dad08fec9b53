import Testing

@testable import MailTransport

@Suite struct UIDSetTests {
    @Test func formatsRunsAsRanges() {
        #expect(UIDSet.format([43, 12, 13, 14, 40, 47, 13]) == "12:14,40,43,47")
        #expect(UIDSet.format(Array(12...40) + [43]) == "12:40,43")
        #expect(UIDSet.format([UInt32]()) == "")
    }

    @Test func chunksRespectTheLength() {
        let uids = stride(from: UInt32(1), through: 3000, by: 2)  // no runs: 1,3,5,...
        let chunks = UIDSet.chunks(uids, maxLength: 100)
        #expect(chunks.allSatisfy { $0.count <= 100 })
        #expect(chunks.flatMap { UIDSet.parse($0)! } == Array(uids))
    }

    @Test func parsesSets() {
        #expect(UIDSet.parse("1:3,6") == [1, 2, 3, 6])
        #expect(UIDSet.parse("5:3") == [3, 4, 5])
        #expect(UIDSet.parse("1:*") == nil)
        #expect(UIDSet.parse("1:2000000", limit: 1000) == nil)
    }
}
