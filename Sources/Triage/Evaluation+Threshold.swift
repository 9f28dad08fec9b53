extension Evaluation {
    /// The lowest confidence threshold at which the automatic answers are at least `accuracy` right (an
    /// out-of-scope row answered counts as wrong): the threshold that answers the most messages at that accuracy.
    /// It is one of the rows' confidences; nil when even the most confident answers fall short (or none exist).
    public static func threshold(reaching accuracy: Double, records: [Record], knownLabels: Set<String>) -> Double? {
        let judge = Judge(knownLabels: knownLabels, threshold: 0)
        let answerable = records.filter(judge.isAnswered).sorted { $0.confidence > $1.confidence }
        var best: Double?
        var right = 0
        var position = 0
        while position < answerable.count {
            let confidence = answerable[position].confidence
            while position < answerable.count && answerable[position].confidence == confidence {
                if judge.isRight(answerable[position]) { right += 1 }
                position += 1
            }
            if Double(right) >= accuracy * Double(position) - 1e-9 { best = confidence }
        }
        return best
    }
}
