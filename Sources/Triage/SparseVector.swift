/// A sparse vector: strictly increasing indices with their values.
public struct SparseVector: Sendable, Hashable {
    /// The indices of the non-zero entries, strictly increasing.
    public var indices: [UInt32]
    /// The values, one per index.
    public var values: [Float]

    /// Creates a vector from sorted, unique indices and their values.
    public init(indices: [UInt32] = [], values: [Float] = []) {
        precondition(indices.count == values.count, "one value per index")
        self.indices = indices
        self.values = values
    }

    /// The number of non-zero entries.
    public var count: Int { indices.count }

    /// The Euclidean norm.
    public var norm: Float {
        var sum: Float = 0
        for value in values { sum += value * value }
        return sum.squareRoot()
    }

    /// The dot product with another sparse vector (a merge of the two index lists).
    public func dot(_ other: SparseVector) -> Float {
        var left = 0
        var right = 0
        var sum: Float = 0
        while left < indices.count && right < other.indices.count {
            let a = indices[left]
            let b = other.indices[right]
            if a == b {
                sum += values[left] * other.values[right]
                left += 1
                right += 1
            } else if a < b {
                left += 1
            } else {
                right += 1
            }
        }
        return sum
    }

    /// Builds a vector of counts from unsorted indices that may repeat.
    public static func counting(_ raw: [UInt32]) -> SparseVector {
        let sorted = radixSorted(raw)
        var indices: [UInt32] = []
        var values: [Float] = []
        indices.reserveCapacity(sorted.count)
        values.reserveCapacity(sorted.count)
        for index in sorted {
            if let last = indices.last, last == index {
                values[values.count - 1] += 1
            } else {
                indices.append(index)
                values.append(1)
            }
        }
        return SparseVector(indices: indices, values: values)
    }

    /// `raw` in increasing order: a least-significant-byte radix sort (one pass per byte the largest value
    /// uses), several times faster than a comparison sort for the hundreds of hashed ids of one text.
    static func radixSorted(_ raw: [UInt32]) -> [UInt32] {
        guard raw.count > 32 else { return raw.sorted() }
        let largest = raw.max() ?? 0
        var source = raw
        var target = [UInt32](repeating: 0, count: raw.count)
        var shift: UInt32 = 0
        while shift < 32 && (shift == 0 || largest >> shift != 0) {
            var counts = [Int](repeating: 0, count: 257)
            for value in source { counts[Int((value >> shift) & 0xFF) + 1] += 1 }
            for bucket in 1..<257 { counts[bucket] += counts[bucket - 1] }
            for value in source {
                let bucket = Int((value >> shift) & 0xFF)
                target[counts[bucket]] = value
                counts[bucket] += 1
            }
            swap(&source, &target)
            shift += 8
        }
        return source
    }
}
