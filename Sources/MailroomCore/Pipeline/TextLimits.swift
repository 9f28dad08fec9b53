/// How much of a message's text travels on: to triage, into templates and the escalation summary, and into
/// stored tickets. A mail can be any size; what people read and what the classifier needs is not.
public enum TextLimits {
    /// The most characters of a message's new text given to triage, templates and the agents' summary
    /// (about 20 pages); the full mail stays stored and is attached to the escalation.
    public static let maximumTextCharacters = 50_000
    /// The most bytes of each text part the pipeline reads (decodes, strips of quotes, searches for tokens): a
    /// mail of any size costs about the same after this.
    public static let maximumBodyBytes = 1 << 20
    /// The most characters of a subject kept on a ticket and echoed in replies.
    public static let maximumSubjectCharacters = 200
    /// The note appended to text that was cut.
    public static let cutNote = "\n[… cut: the message is longer than Mailroom shows; the full mail is attached]"

    /// `text`, cut at ``maximumTextCharacters`` with a note when longer.
    public static func text(_ text: String) -> String {
        cut(text, at: maximumTextCharacters, note: cutNote)
    }

    /// `subject` on one line, cut at ``maximumSubjectCharacters`` with `…` when longer.
    public static func subject(_ subject: String) -> String {
        let oneLine =
            subject.contains(where: \.isNewline)
            ? String(subject.map { $0.isNewline ? " " : $0 }) : subject
        return cut(oneLine, at: maximumSubjectCharacters, note: "…")
    }

    private static func cut(_ text: String, at limit: Int, note: String) -> String {
        guard text.utf8.count > limit else { return text }
        guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end < text.endIndex
        else { return text }
        return String(text[..<end]) + note
    }
}
