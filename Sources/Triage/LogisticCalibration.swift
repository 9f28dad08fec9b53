import Foundation

/// Logistic regression of a binary outcome on a few signals with row weights (normalised to sum to 1), by Newton's
/// method with a small ridge on the slopes, so separable data still gives finite coefficients. Coefficients: the
/// intercept, then one per signal. With only one kind of outcome the intercept alone says it (±10).
enum LogisticCalibration {
    static func probability(coefficients: [Double], signals: [Double]) -> Double {
        var z = coefficients[0]
        for (coefficient, signal) in zip(coefficients.dropFirst(), signals) { z += coefficient * signal }
        return 1 / (1 + Foundation.exp(-z))
    }

    static func fit(signals rows: [[Double]], outcomes: [Bool], weights: [Double], ridge: Double = 1e-4) -> [Double] {
        let size = (rows.first?.count ?? 0) + 1
        var coefficients = [Double](repeating: 0, count: size)
        guard outcomes.contains(true), outcomes.contains(false) else {
            coefficients[0] = outcomes.first == true ? 10 : -10
            return coefficients
        }
        let total = weights.reduce(0, +)
        for _ in 0..<100 {
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
            for (row, (outcome, weight)) in zip(rows, zip(outcomes, weights)) {
                let x = [1] + row
                let p = probability(coefficients: coefficients, signals: row)
                let w = weight / total
                let curvature = w * max(p * (1 - p), 1e-12)
                for i in 0..<size {
                    gradient[i] += w * (p - (outcome ? 1 : 0)) * x[i]
                    for j in 0..<size { hessian[i][j] += curvature * x[i] * x[j] }
                }
            }
            for i in 1..<size {
                gradient[i] += ridge * coefficients[i]
                hessian[i][i] += ridge
            }
            guard let step = solve(hessian, gradient) else { break }
            for i in 0..<size { coefficients[i] -= step[i] }
            if step.map(abs).reduce(0, +) < 1e-10 { break }
        }
        return coefficients
    }

    /// Solves `matrix * x = vector` by Gaussian elimination with partial pivoting (nil when singular).
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        var a = matrix
        var b = vector
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            guard abs(a[pivot][column]) > 1e-15 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }
}
