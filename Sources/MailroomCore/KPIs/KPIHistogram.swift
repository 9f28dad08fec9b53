import Foundation

/// Durations kept as counts in geometric buckets (each 5% wider than the one before), so percentiles can be
/// added up from daily rollups: a percentile read from the buckets is within 2.5% of the true value.
public enum KPIHistogram {
    /// The growth factor from one bucket to the next.
    public static let ratio = 1.05

    /// The bucket of a duration in seconds: 0 holds everything under one second.
    public static func bucket(_ seconds: Double) -> Int {
        guard seconds >= 1, seconds.isFinite else { return 0 }
        return Int((log(seconds) / log(ratio)).rounded(.down)) + 1
    }

    /// The value a bucket stands for: the geometric middle of its range (0 for bucket 0).
    public static func value(of bucket: Int) -> Double {
        guard bucket > 0 else { return 0 }
        return pow(ratio, Double(bucket - 1)) * ratio.squareRoot()
    }

    /// The `p` percentile (nearest rank, 0 < p <= 1) of the durations counted in `counts` (bucket -> count),
    /// rounded to a second; nil when nothing was counted.
    public static func percentile(_ p: Double, of counts: [Int: Double]) -> Double? {
        let total = counts.values.reduce(0, +)
        guard total > 0.5 else { return nil }
        let rank = max(1, (p * total - 1e-9).rounded(.up))
        var seen = 0.0
        for bucket in counts.keys.sorted() {
            seen += counts[bucket] ?? 0
            if seen >= rank { return value(of: bucket).rounded() }
        }
        return counts.keys.max().map { value(of: $0).rounded() }
    }
}
