import MailroomCore
import Testing

/// The buffered generator hands out fresh kernel randomness across refills, never the same word twice.
@Suite struct BufferedSystemRandomTests {
    @Test func drawsAcrossManyRefillsAreDistinctAndUseAllBits() {
        var random = BufferedSystemRandom()
        let draws = (0..<1000).map { _ in random.next() }
        #expect(Set(draws).count == draws.count, "64-bit draws do not repeat")
        #expect(draws.reduce(0, |) == UInt64.max, "every bit is set in some draw")
        #expect(draws.reduce(UInt64.max, &) == 0, "every bit is clear in some draw")
        var other = BufferedSystemRandom()
        #expect((0..<32).map { _ in other.next() } != Array(draws.prefix(32)), "two generators differ")
    }

    @Test func boundedDrawsCoverTheirRange() {
        var random = BufferedSystemRandom()
        var seen = Set<Int>()
        for _ in 0..<2000 { seen.insert(Int.random(in: 0..<30, using: &random)) }
        #expect(seen == Set(0..<30))
    }
}
