/// Limited-memory BFGS with a backtracking (Armijo) line search, for smooth objectives over `[Float]`.
public struct LBFGS: Sendable {
    /// The number of correction pairs kept.
    public var memory: Int
    /// The most iterations.
    public var maxIterations: Int
    /// Stops when the relative decrease of the objective over one iteration falls below this.
    public var relativeTolerance: Double
    /// Stops when the gradient's largest component falls below this.
    public var gradientTolerance: Float

    /// Creates an optimiser.
    public init(
        memory: Int = 7, maxIterations: Int = 200, relativeTolerance: Double = 1e-5, gradientTolerance: Float = 1e-6
    ) {
        self.memory = memory
        self.maxIterations = maxIterations
        self.relativeTolerance = relativeTolerance
        self.gradientTolerance = gradientTolerance
    }

    /// The result of a minimisation.
    public struct Result: Sendable {
        /// The parameters found.
        public var parameters: [Float]
        /// The objective at those parameters.
        public var value: Double
        /// The iterations done.
        public var iterations: Int
    }

    /// Minimises `objective` (returning value and gradient) from `start`.
    public func minimize(
        from start: [Float], objective: ([Float]) async -> (value: Double, gradient: [Float])
    ) async -> Result {
        var x = start
        var (value, gradient) = await objective(x)
        var steps: [[Float]] = []
        var changes: [[Float]] = []
        var curvatures: [Double] = []
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            if gradient.lazy.map({ abs($0) }).max() ?? 0 < gradientTolerance { break }
            var direction = twoLoop(gradient, steps: steps, changes: changes, curvatures: curvatures)
            var slope = Self.dot(direction, gradient)
            if slope >= 0 {
                direction = gradient.map { -$0 }
                slope = Self.dot(direction, gradient)
                steps.removeAll()
                changes.removeAll()
                curvatures.removeAll()
            }
            let initial = steps.isEmpty ? min(1, 1 / Self.norm(gradient)) : 1
            guard let found = await lineSearch(x, value, slope, direction, initial, objective) else { break }
            let step = zip(found.x, x).map { $0 - $1 }
            let change = zip(found.gradient, gradient).map { $0 - $1 }
            let curvature = Self.dot(step, change)
            if curvature > 1e-12 {
                steps.append(step)
                changes.append(change)
                curvatures.append(curvature)
                if steps.count > memory {
                    steps.removeFirst()
                    changes.removeFirst()
                    curvatures.removeFirst()
                }
            }
            let previous = value
            (x, value, gradient) = (found.x, found.value, found.gradient)
            if (previous - value) / max(abs(previous), abs(value), 1) < relativeTolerance { break }
        }
        return Result(parameters: x, value: value, iterations: iteration)
    }

    private func lineSearch(
        _ x: [Float], _ value: Double, _ slope: Double, _ direction: [Float], _ initial: Double,
        _ objective: ([Float]) async -> (value: Double, gradient: [Float])
    ) async -> (x: [Float], value: Double, gradient: [Float])? {
        var step = initial
        for _ in 0..<30 {
            let scale = Float(step)
            let candidate = zip(x, direction).map { $0 + scale * $1 }
            let (candidateValue, candidateGradient) = await objective(candidate)
            if candidateValue <= value + 1e-4 * step * slope {
                return (candidate, candidateValue, candidateGradient)
            }
            step *= 0.5
        }
        return nil
    }

    /// The two-loop recursion: an approximation of `-H^-1 g`.
    private func twoLoop(_ gradient: [Float], steps: [[Float]], changes: [[Float]], curvatures: [Double]) -> [Float] {
        var q = gradient
        var alphas = [Double](repeating: 0, count: steps.count)
        for index in stride(from: steps.count - 1, through: 0, by: -1) {
            let alpha = Self.dot(steps[index], q) / curvatures[index]
            alphas[index] = alpha
            Self.addScaled(&q, changes[index], -alpha)
        }
        if let last = changes.last {
            let gamma = Float(curvatures[curvatures.count - 1] / Self.dot(last, last))
            for index in q.indices { q[index] *= gamma }
        }
        for index in steps.indices {
            let beta = Self.dot(changes[index], q) / curvatures[index]
            Self.addScaled(&q, steps[index], alphas[index] - beta)
        }
        for index in q.indices { q[index] = -q[index] }
        return q
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Double {
        var sum: Double = 0
        var partial: Float = 0
        for index in a.indices {
            partial += a[index] * b[index]
            if index & 1023 == 1023 {
                sum += Double(partial)
                partial = 0
            }
        }
        return sum + Double(partial)
    }

    static func norm(_ a: [Float]) -> Double {
        dot(a, a).squareRoot()
    }

    static func addScaled(_ target: inout [Float], _ source: [Float], _ scale: Double) {
        let factor = Float(scale)
        for index in target.indices { target[index] += factor * source[index] }
    }
}
