/// A text with its intent label, as read from a `text,label` CSV file.
public struct LabeledExample: Sendable, Hashable {
    /// The customer's text.
    public var text: String
    /// The intent label.
    public var label: String

    /// Creates an example.
    public init(text: String, label: String) {
        self.text = text
        self.label = label
    }

    /// The labels that mark a message fitting no intent (`oos` in CLINC150, `NO_NODES_DETECTED` in HINT3).
    public static let outOfScopeLabels: Set<String> = ["oos", "NO_NODES_DETECTED"]

    /// The label of the none-class a model trained with negatives learns (`oos`).
    public static let noneLabel = "oos"

    /// Whether the label marks a message fitting no intent.
    public var isOutOfScope: Bool { Self.outOfScopeLabels.contains(label) }
}
