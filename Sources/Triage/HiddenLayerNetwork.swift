/// A classifier with one hidden layer over a sparse input: `hidden = relu(W1ᵀ x + b1)`,
/// `scores = W2ᵀ hidden + b2`. The first layer is stored input-major, so a sparse input costs
/// `non-zeros x hidden` multiply-adds.
///
/// Parameters are one flat array: `W1` (`inputCount x hiddenCount`), `b1`, `W2` (`hiddenCount x classCount`),
/// `b2`.
public struct HiddenLayerNetwork: Sendable, Hashable {
    /// Where each block of parameters starts.
    public let layout: NetworkLayout
    /// The parameters, in the order of `layout`.
    public let parameters: [Float]

    /// Creates a network from its parameters.
    public init(layout: NetworkLayout, parameters: [Float]) {
        precondition(parameters.count == layout.count, "parameters match the layout")
        self.layout = layout
        self.parameters = parameters
    }

    /// A network with small random weights (from `seed`) and zero biases: the first layer uniform with standard
    /// deviation `inputScale` (inputs have unit length, so that is the spread of the hidden pre-activations), the
    /// second layer Glorot-uniform.
    public static func initial(layout: NetworkLayout, inputScale: Float, seed: UInt64) -> HiddenLayerNetwork {
        var generator = SeededGenerator(seed: seed)
        var parameters = [Float](repeating: 0, count: layout.count)
        let first = inputScale * Float(3).squareRoot()
        for index in 0..<layout.hiddenBias {
            parameters[index] = first * (2 * generator.unitFloat() - 1)
        }
        let second = (6 / Float(layout.hidden + layout.classes)).squareRoot()
        for index in layout.outputWeights..<layout.outputBias {
            parameters[index] = second * (2 * generator.unitFloat() - 1)
        }
        return HiddenLayerNetwork(layout: layout, parameters: parameters)
    }

    /// The scores (before the softmax) of an input.
    public func scores(_ input: SparseVector) -> [Float] {
        var hidden = [Float](repeating: 0, count: layout.hidden)
        var score = [Float](repeating: 0, count: layout.classes)
        parameters.withUnsafeBufferPointer { weights in
            hidden.withUnsafeMutableBufferPointer { hiddenBuffer in
                score.withUnsafeMutableBufferPointer { scoreBuffer in
                    NetworkKernels.forward(
                        input, weights: weights.baseAddress!, layout: layout, hidden: hiddenBuffer.baseAddress!,
                        scores: scoreBuffer.baseAddress!)
                }
            }
        }
        return score
    }
}

/// Where the blocks of a `HiddenLayerNetwork`'s parameters start.
public struct NetworkLayout: Sendable, Hashable {
    /// The number of inputs (features).
    public let inputs: Int
    /// The number of hidden units.
    public let hidden: Int
    /// The number of classes.
    public let classes: Int

    /// Creates a layout.
    public init(inputs: Int, hidden: Int, classes: Int) {
        precondition(inputs >= 0 && hidden >= 1 && classes >= 1, "a layout has hidden units and classes")
        self.inputs = inputs
        self.hidden = hidden
        self.classes = classes
    }

    /// The start of the hidden biases (`W1` comes first).
    public var hiddenBias: Int { inputs * hidden }
    /// The start of the output weights.
    public var outputWeights: Int { hiddenBias + hidden }
    /// The start of the output biases.
    public var outputBias: Int { outputWeights + hidden * classes }
    /// The number of parameters.
    public var count: Int { outputBias + classes }
}

/// The inner loops of the network, shared by training and prediction.
enum NetworkKernels {
    /// Fills `hidden` with the pre-activations `W1ᵀ x + b1`.
    @inline(__always)
    static func preactivations(
        _ input: SparseVector, weights: UnsafePointer<Float>, layout: NetworkLayout,
        into hidden: UnsafeMutablePointer<Float>
    ) {
        let width = layout.hidden
        hidden.update(from: weights + layout.hiddenBias, count: width)
        input.indices.withUnsafeBufferPointer { indices in
            input.values.withUnsafeBufferPointer { values in
                for position in 0..<indices.count {
                    LinearScoring.axpy(values[position], weights + Int(indices[position]) * width, hidden, width)
                }
            }
        }
    }

    /// Fills `scores` with `W2ᵀ h + b2`, skipping the units that are zero.
    @inline(__always)
    static func outputs(
        _ hidden: UnsafePointer<Float>, weights: UnsafePointer<Float>, layout: NetworkLayout,
        into scores: UnsafeMutablePointer<Float>
    ) {
        let classes = layout.classes
        scores.update(from: weights + layout.outputBias, count: classes)
        let rows = weights + layout.outputWeights
        for unit in 0..<layout.hidden where hidden[unit] != 0 {
            LinearScoring.axpy(hidden[unit], rows + unit * classes, scores, classes)
        }
    }

    /// The whole forward pass without dropout: `hidden` ends as the activations, `scores` as the outputs.
    @inline(__always)
    static func forward(
        _ input: SparseVector, weights: UnsafePointer<Float>, layout: NetworkLayout,
        hidden: UnsafeMutablePointer<Float>, scores: UnsafeMutablePointer<Float>
    ) {
        preactivations(input, weights: weights, layout: layout, into: hidden)
        for unit in 0..<layout.hidden { hidden[unit] = max(0, hidden[unit]) }
        outputs(hidden, weights: weights, layout: layout, into: scores)
    }
}

extension NetworkKernels {
    /// The dot product of two float arrays, eight lanes at a time.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        var lanes = SIMD8<Float>(repeating: 0)
        var index = 0
        while index + 8 <= count {
            let offset = index * MemoryLayout<Float>.stride
            lanes +=
                rawA.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            index += 8
        }
        var sum = lanes.sum()
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
    }
}
