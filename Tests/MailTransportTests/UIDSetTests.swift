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

    @Test func chunksRespectTheCountInRunsAndSingles() {
        let uids: [UInt32] = Array(1...120) + [200, 202, 204] + Array(300...330) + [UInt32.max - 1, UInt32.max]
        let chunks = UIDSet.chunks(uids, maxCount: 50)
        let parsed = chunks.map { UIDSet.parse($0)! }
        #expect(parsed.allSatisfy { $0.count <= 50 })
        #expect(parsed.flatMap { $0 } == uids)
        #expect(chunks.first == "1:50")
        #expect(chunks[1] == "51:100")
        #expect(chunks[2] == "101:120,200,202,204,300:326")
        #expect(UIDSet.chunks(uids).count == 1)
        #expect(UIDSet.chunks([UInt32](), maxCount: 5).isEmpty)
        // Both limits at once: short sets of few UIDs.
        let both = UIDSet.chunks(stride(from: UInt32(1), through: 999, by: 2), maxLength: 30, maxCount: 4)
        #expect(both.allSatisfy { $0.count <= 30 && UIDSet.parse($0)!.count <= 4 })
        #expect(both.flatMap { UIDSet.parse($0)! } == Array(stride(from: UInt32(1), through: 999, by: 2)))
    }

    @Test func parsesSets() {
        #expect(UIDSet.parse("1:3,6") == [1, 2, 3, 6])
        #expect(UIDSet.parse("5:3") == [3, 4, 5])
        #expect(UIDSet.parse("1:*") == nil)
        #expect(UIDSet.parse("1:2000000", limit: 1000) == nil)
    }
}
