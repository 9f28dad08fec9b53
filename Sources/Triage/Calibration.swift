import Foundation

/// Turns raw scores into calibrated confidences: a temperature divides the scores before the softmax, then a
/// Platt scaling maps the log-odds of the top probability (`confidence = sigmoid(slope * logit(p) + intercept)`).
/// Both are fitted on held-out predictions by minimising the negative log-likelihood.
public struct Calibration: Sendable, Hashable {
    /// Divides the scores before the softmax (1 = unchanged, above 1 = less sure).
    public var temperature: Double
    /// The Platt slope on the log-odds of the top probability (1 = unchanged).
    public var slope: Double
    /// The Platt intercept (0 = unchanged).
    public var intercept: Double

    /// Creates a calibration; the defaults change nothing.
    public init(temperature: Double = 1, slope: Double = 1, intercept: Double = 0) {
        self.temperature = temperature
        self.slope = slope
        self.intercept = intercept
    }

    /// The identity calibration.
    public static let identity = Calibration()

    /// The calibrated confidence of a top probability (already tempered).
    public func confidence(topProbability p: Double) -> Double {
        if slope == 1 && intercept == 0 { return p }
        let clipped = min(max(p, 1e-12), 1 - 1e-12)
        let logit = Foundation.log(clipped / (1 - clipped))
        return 1 / (1 + Foundation.exp(-(slope * logit + intercept)))
    }

    /// Fits the temperature on held-out scores (rows of `classes` values) and their true class indices, then
    /// the Platt step on whether the top class was right. Rows whose label is negative (out of scope: no class
    /// is right) count as wrong for the Platt step and are skipped by the temperature.
    public static func fit(scores: [[Float]], labels: [Int], platt: Bool = true) -> Calibration {
        let temperature = fitTemperature(scores: scores, labels: labels)
        guard platt else { return Calibration(temperature: temperature) }
        var logits: [Double] = []
        var outcomes: [Bool] = []
        for (row, label) in zip(scores, labels) {
            let probabilities = softmax(row, temperature: temperature)
            let top = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
            let p = min(max(probabilities[top], 1e-12), 1 - 1e-12)
            logits.append(Foundation.log(p / (1 - p)))
            outcomes.append(top == label)
        }
        let (slope, intercept) = PlattScaling.fit(logits: logits, outcomes: outcomes)
        return Calibration(temperature: temperature, slope: slope, intercept: intercept)
    }

    /// The temperature minimising the mean negative log-likelihood (golden-section search on log T).
    static func fitTemperature(scores: [[Float]], labels: [Int]) -> Double {
        let pairs = zip(scores, labels).filter { $0.1 >= 0 }
        guard !pairs.isEmpty else { return 1 }
        func loss(_ logT: Double) -> Double {
            let t = Foundation.exp(logT)
            var total: Double = 0
            for (row, label) in pairs {
                let maximum = Double(row.max()!)
                var sum: Double = 0
                for value in row { sum += Foundation.exp((Double(value) - maximum) / t) }
                total += Foundation.log(sum) - (Double(row[label]) - maximum) / t
            }
            return total / Double(pairs.count)
        }
        return Foundation.exp(GoldenSection.minimize(loss, lower: Foundation.log(0.02), upper: Foundation.log(50)))
    }

    /// The softmax of scores divided by a temperature.
    public static func softmax(_ scores: [Float], temperature: Double) -> [Double] {
        let maximum = Double(scores.max() ?? 0)
        let exps = scores.map { Foundation.exp((Double($0) - maximum) / temperature) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }
}

/// Golden-section search for the minimum of a unimodal function on an interval.
enum GoldenSection {
    static func minimize(_ function: (Double) -> Double, lower: Double, upper: Double, iterations: Int = 60) -> Double {
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = lower
        var b = upper
        var c = b - ratio * (b - a)
        var d = a + ratio * (b - a)
        var fc = function(c)
        var fd = function(d)
        for _ in 0..<iterations {
            if fc < fd {
                b = d
                d = c
                fd = fc
                c = b - ratio * (b - a)
                fc = function(c)
            } else {
                a = c
                c = d
                fc = fd
                d = a + ratio * (b - a)
                fd = function(d)
            }
        }
        return (a + b) / 2
    }
}

/// Logistic regression of a binary outcome on one input, by Newton's method.
enum PlattScaling {
    static func fit(logits: [Double], outcomes: [Bool]) -> (slope: Double, intercept: Double) {
        guard outcomes.contains(true), outcomes.contains(false) else { return (1, 0) }
        var slope = 1.0
        var intercept = 0.0
        for _ in 0..<50 {
            var (g0, g1, h00, h01, h11) = (0.0, 0.0, 1e-9, 0.0, 1e-9)
            for (x, y) in zip(logits, outcomes) {
                let p = 1 / (1 + Foundation.exp(-(slope * x + intercept)))
                let residual = p - (y ? 1 : 0)
                let weight = max(p * (1 - p), 1e-12)
                g0 += residual * x
                g1 += residual
                h00 += weight * x * x
                h01 += weight * x
                h11 += weight
            }
            let determinant = h00 * h11 - h01 * h01
            guard abs(determinant) > 1e-18 else { break }
            let stepSlope = (h11 * g0 - h01 * g1) / determinant
            let stepIntercept = (h00 * g1 - h01 * g0) / determinant
            slope -= stepSlope
            intercept -= stepIntercept
            if abs(stepSlope) + abs(stepIntercept) < 1e-9 { break }
        }
        return (slope, intercept)
    }
}
