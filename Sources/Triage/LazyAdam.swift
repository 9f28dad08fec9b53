import Foundation

/// Adam for a `HiddenLayerNetwork`, lazy on the first layer: only the rows of `W1` whose inputs occur in a batch
/// move (with their moment estimates); `b1`, `W2` and `b2` move at every step. Weight decay is decoupled
/// (AdamW) and applies to the weights of both layers, never to the biases; on `W1` it applies when a row moves,
/// so frequent features are held back more than rare ones.
struct LazyAdam: Sendable {
    let layout: NetworkLayout
    let beta1: Float = 0.9
    let beta2: Float = 0.999
    let epsilon: Float = 1e-8
    private var first: [Float]
    private var second: [Float]
    private(set) var step = 0

    init(layout: NetworkLayout) {
        self.layout = layout
        first = [Float](repeating: 0, count: layout.count)
        second = [Float](repeating: 0, count: layout.count)
    }

    /// One step: `gradient` times `scale` is the gradient of the objective.
    mutating func update(
        _ parameters: inout [Float], with gradient: NetworkGradient, scale: Float, learningRate: Float, decay: Float
    ) {
        step += 1
        let settings = Settings(
            scale: scale, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            correction1: 1 - Float(Foundation.pow(Double(beta1), Double(step))),
            correction2: 1 - Float(Foundation.pow(Double(beta2), Double(step))))
        let layout = layout
        let width = layout.hidden
        parameters.withUnsafeMutableBufferPointer { parameters in
            first.withUnsafeMutableBufferPointer { first in
                second.withUnsafeMutableBufferPointer { second in
                    let p = parameters.baseAddress!
                    let m = first.baseAddress!
                    let v = second.baseAddress!
                    gradient.inputRows.withUnsafeBufferPointer { rows in
                        for (slot, row) in gradient.rows.enumerated() {
                            let offset = Int(row) * width
                            Self.kernel(
                                p + offset, rows.baseAddress! + slot * width, m + offset, v + offset, width, settings,
                                decay: decay)
                        }
                    }
                    gradient.rest.withUnsafeBufferPointer { rest in
                        let g = rest.baseAddress! - layout.hiddenBias
                        let blocks = [
                            (layout.hiddenBias, layout.outputWeights, Float(0)),
                            (layout.outputWeights, layout.outputBias, decay), (layout.outputBias, layout.count, 0),
                        ]
                        for (lower, upper, blockDecay) in blocks {
                            Self.kernel(
                                p + lower, g + lower, m + lower, v + lower, upper - lower, settings, decay: blockDecay)
                        }
                    }
                }
            }
        }
    }

    private struct Settings {
        let scale: Float
        let learningRate: Float
        let beta1: Float
        let beta2: Float
        let epsilon: Float
        let correction1: Float
        let correction2: Float
    }

    /// The Adam step on `count` consecutive parameters, eight lanes at a time.
    @inline(__always)
    private static func kernel(
        _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
        _ v: UnsafeMutablePointer<Float>, _ count: Int, _ s: Settings, decay: Float
    ) {
        var index = 0
        while index + 8 <= count {
            let gradient = load(g + index) * s.scale
            let mean = s.beta1 * load(m + index) + (1 - s.beta1) * gradient
            let square = s.beta2 * load(v + index) + (1 - s.beta2) * gradient * gradient
            store(mean, m + index)
            store(square, v + index)
            let parameter = load(p + index)
            let denominator = (square / s.correction2).squareRoot() + s.epsilon
            let change = (mean / s.correction1) / denominator + decay * parameter
            store(parameter - s.learningRate * change, p + index)
            index += 8
        }
        while index < count {
            let gradient = g[index] * s.scale
            m[index] = s.beta1 * m[index] + (1 - s.beta1) * gradient
            v[index] = s.beta2 * v[index] + (1 - s.beta2) * gradient * gradient
            let denominator = (v[index] / s.correction2).squareRoot() + s.epsilon
            p[index] -= s.learningRate * ((m[index] / s.correction1) / denominator + decay * p[index])
            index += 1
        }
    }

    @inline(__always)
    private static func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }
}
