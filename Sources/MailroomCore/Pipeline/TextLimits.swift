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
            mayHoldNewline(subject) && subject.contains(where: \.isNewline)
            ? String(subject.map { $0.isNewline ? " " : $0 }) : subject
        return cut(oneLine, at: maximumSubjectCharacters, note: "…")
    }

    /// False when no Character of `text` can be a newline: a newline Character is one of U+000A-U+000D, U+0085,
    /// U+2028, U+2029 or CR LF (nothing extends a control character into a longer Character), so its UTF-8
    /// holds a byte 0x0A-0x0D, or C2 85, E2 80 A8 or E2 80 A9. Read on the bytes: the Character reader took
    /// about 40,000 instructions a mail, for subjects that almost never hold a line break.
    static func mayHoldNewline(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case 0x0A...0x0D:
                    return true
                case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85:
                    return true
                case 0xE2
                where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    return true
                default:
                    continue
                }
            }
            return false
        }
        return found ?? true
    }

    private static func cut(_ text: String, at limit: Int, note: String) -> String {
        guard text.utf8.count > limit else { return text }
        guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end < text.endIndex
        else { return text }
        return String(text[..<end]) + note
    }
}
