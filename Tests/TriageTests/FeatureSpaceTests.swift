import Testing

@testable import Triage

@Suite struct FeatureSpaceTests {
    /// Kept ids spread over both blocks of a 2^20-bucket space, with neighbours that are not kept.
    static func space(count: Int) -> FeatureSpace {
        let settings = FeatureSettings()
        var generator = SeededGenerator(seed: 7)
        var ids = Set<UInt32>()
        while ids.count < count {
            ids.insert(UInt32(generator.next() % UInt64(settings.dimension)))
        }
        let sorted = ids.sorted()
        let idf = sorted.indices.map { Float($0 % 13) + 1 }
        return FeatureSpace(settings: settings, hashedIDs: sorted, idf: idf, unknownIDF: 20)
    }

    @Test func everyKeptIDFindsItsPositionAndNoOtherIDDoes() {
        let space = Self.space(count: 5_000)
        for (position, id) in space.hashedIDs.enumerated() {
            #expect(space.compactIndex(of: id) == position)
        }
        let kept = Set(space.hashedIDs)
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<50_000 {
            let id = UInt32(generator.next() % UInt64(space.settings.dimension))
            if !kept.contains(id) { #expect(space.compactIndex(of: id) == nil) }
        }
        #expect(space.compactIndex(of: 0) == (kept.contains(0) ? space.hashedIDs.firstIndex(of: 0) : nil))
        let last = UInt32(space.settings.dimension - 1)
        #expect(space.compactIndex(of: last) == space.hashedIDs.firstIndex(of: last))
    }

    @Test func theLookupGrowsWithTheKeptFeaturesNotWithTheHashedSpace() {
        let space = Self.space(count: 15_000)
        // The hashed space has 2^21 buckets; a table over it held 8 MiB for every loaded model.
        #expect(space.lookupSlots <= 4 * 15_000)
        #expect(space.lookupSlots >= 15_000)
        let empty = FeatureSpace(settings: FeatureSettings(), hashedIDs: [], idf: [], unknownIDF: 1)
        #expect(empty.compactIndex(of: 123) == nil)
    }

    @Test func vectorsUseTheCompactPositions() {
        let space = Self.space(count: 1_000)
        let chosen = [space.hashedIDs[3], space.hashedIDs[500], space.hashedIDs[999]]
        let counts = SparseVector(indices: chosen, values: [1, 2, 1])
        let vector = space.vector(counts)
        #expect(vector.indices == [3, 500, 999])
        let length = vector.values.reduce(0) { $0 + $1 * $1 }
        #expect(length > 0 && length <= 1.0001)
    }
}

@Suite struct SparseVectorCountingTests {
    @Test(arguments: [0, 1, 5, 32, 33, 300, 5_000])
    func radixSortAgreesWithTheComparisonSort(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count) + 1)
        for range in [UInt32(200), 1 << 16, 1 << 21, UInt32.max] {
            let raw = (0..<count).map { _ in UInt32(truncatingIfNeeded: generator.next()) % range }
            #expect(SparseVector.radixSorted(raw) == raw.sorted())
        }
        #expect(SparseVector.radixSorted([UInt32](repeating: 7, count: count)) == [UInt32](repeating: 7, count: count))
    }

    @Test func countsRepeatedIDs() {
        let raw: [UInt32] = (0..<100).map { UInt32(($0 * 7) % 10) } + [1 << 20, 0]
        let vector = SparseVector.counting(raw)
        #expect(vector.indices == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1 << 20])
        #expect(vector.values == [11, 10, 10, 10, 10, 10, 10, 10, 10, 10, 1])
    }
}
