import Foundation

/// The inner loops shared by training and prediction: scores of a sparse input under feature-major weights,
/// and the softmax.
enum LinearScoring {
    /// `score = bias + sum over features of value * weights[feature]` (rows of `classes` floats; the biases
    /// follow the last row).
    @inline(__always)
    static func scores(
        _ input: SparseVector, weights: UnsafeBufferPointer<Float>, classes: Int,
        into score: UnsafeMutableBufferPointer<Float>
    ) {
        let biasOffset = weights.count - classes
        for label in 0..<classes { score[label] = weights[biasOffset + label] }
        let base = weights.baseAddress!
        let out = score.baseAddress!
        input.indices.withUnsafeBufferPointer { indices in
            input.values.withUnsafeBufferPointer { values in
                for position in 0..<indices.count {
                    axpy(values[position], base + Int(indices[position]) * classes, out, classes)
                }
            }
        }
    }

    /// `gradient[feature] += value * score` for each feature of the input.
    @inline(__always)
    static func addOuter(
        _ input: SparseVector, score: UnsafeMutableBufferPointer<Float>, classes: Int,
        into gradient: UnsafeMutableBufferPointer<Float>
    ) {
        let base = gradient.baseAddress!
        let delta = score.baseAddress!
        input.indices.withUnsafeBufferPointer { indices in
            input.values.withUnsafeBufferPointer { values in
                for position in 0..<indices.count {
                    axpy(values[position], UnsafePointer(delta), base + Int(indices[position]) * classes, classes)
                }
            }
        }
    }

    /// `target[0..<count] += scale * source[0..<count]`, eight lanes at a time.
    @inline(__always)
    static func axpy(
        _ scale: Float, _ source: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>, _ count: Int
    ) {
        let lanes = SIMD8<Float>(repeating: scale)
        let rawSource = UnsafeRawPointer(source)
        let rawTarget = UnsafeMutableRawPointer(target)
        var index = 0
        while index + 8 <= count {
            let offset = index * MemoryLayout<Float>.stride
            let sum =
                rawTarget.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                + lanes * rawSource.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            rawTarget.storeBytes(of: sum, toByteOffset: offset, as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            target[index] += scale * source[index]
            index += 1
        }
    }

    /// Turns scores into probabilities in place and returns `-log p[label]` (or 0 when label is negative).
    @inline(__always)
    @discardableResult
    static func softmaxInPlace(_ score: UnsafeMutableBufferPointer<Float>, label: Int = -1) -> Double {
        var maximum = -Float.infinity
        for value in score { maximum = max(maximum, value) }
        var sum: Float = 0
        for index in score.indices {
            let shifted = Foundation.exp(score[index] - maximum)
            score[index] = shifted
            sum += shifted
        }
        let inverse = 1 / sum
        for index in score.indices { score[index] *= inverse }
        guard label >= 0 else { return 0 }
        return -Foundation.log(max(Double(score[label]), 1e-30))
    }
}
