extension ModelTrainer {
    /// The training rows with the negatives as the none-class: the rows marked out of scope (`oos`,
    /// `NO_NODES_DETECTED`) and the negatives all get the label `oos`. Without negatives the rows are unchanged
    /// (an out-of-scope label stays an ordinary class, as before negatives existed).
    static func withNoneClass(_ train: [LabeledExample], negatives: [String]) -> [LabeledExample] {
        guard !negatives.isEmpty else { return train }
        let none = LabeledExample.noneLabel
        return train.map { $0.isOutOfScope ? LabeledExample(text: $0.text, label: none) : $0 }
            + negatives.map { LabeledExample(text: $0, label: none) }
    }

    /// Fits the none-class calibration on the slice's scores by the held-out models: for each row, whether its
    /// best intent is right (a negative's never is), from the intent's and the none-class's tempered
    /// probabilities; the rows are weighted so the negatives make up `outOfScopeShare` of the slice.
    func fitOutOfScope(_ scores: [[Float]], targets: [Int], noneClass: Int, temperature: Double)
        -> OutOfScopeCalibration
    {
        let probe = OutOfScopeCalibration(noneClass: noneClass, coefficients: [0, 1, 0])
        let negatives = targets.filter { $0 == noneClass }.count
        let share = configuration.outOfScopeShare
        var signals: [[Double]] = []
        var outcomes: [Bool] = []
        var weights: [Double] = []
        for (row, target) in zip(scores, targets) {
            let probabilities = Calibration.softmax(row, temperature: temperature)
            let intent = probe.bestIntent(probabilities)
            signals.append(OutOfScopeCalibration.signals(probabilities, intent: intent, noneClass: noneClass))
            outcomes.append(target == intent)
            weights.append(
                target == noneClass
                    ? share / Double(max(1, negatives)) : (1 - share) / Double(max(1, targets.count - negatives)))
        }
        return OutOfScopeCalibration(
            noneClass: noneClass,
            coefficients: LogisticCalibration.fit(signals: signals, outcomes: outcomes, weights: weights))
    }
}
