/// What training is doing, for a progress display (`ModelTrainer.progress`).
public enum TrainingStep: Sendable, Hashable {
    /// Extracting features from this many training rows (negatives included).
    case features(rows: Int)
    /// Fitting the logistic regression with the `index`-th penalty (from 1) of `count`.
    case penalty(index: Int, count: Int)
    /// Network `network` (from 1) finished pass `pass` (from 1) of at most `passes`.
    case networkPass(network: Int, pass: Int, passes: Int)
    /// Fitting the calibration on the held-out slice.
    case calibration
    /// Fitting the final logistic regression on all rows.
    case finalFit
    /// Measuring the model on this many development rows.
    case development(rows: Int)

    /// The step in words (`network 1: pass 3 of at most 20`).
    public var description: String {
        switch self {
        case .features(let rows): "features of \(rows) rows"
        case .penalty(let index, let count): "logistic regression: penalty \(index) of \(count)"
        case .networkPass(let network, let pass, let passes): "network \(network): pass \(pass) of at most \(passes)"
        case .calibration: "calibration"
        case .finalFit: "final logistic regression on all rows"
        case .development(let rows): "measuring \(rows) development rows"
        }
    }
}

/// Receives training steps as they begin (from any task).
public typealias TrainingProgress = @Sendable (TrainingStep) -> Void
