/// What an agent's emailed answer to an escalated ticket asks for, read from the first non-empty line of
/// the agent's new text (quoted history and signature already removed by the caller).
///
/// - `#note TEXT` keeps TEXT (the rest of the line and the lines below) as an internal note; nothing is sent.
/// - `#close` alone closes the ticket without mail; `#close` followed by text (on the same line or below)
///   sends that text to the customer, then closes. So an agent whose client adds a signature below `#close`
///   will send it: the caller must pass text with the signature removed.
/// - `#template NAME` sends the template NAME; any text after the name is kept as an internal note, never
///   sent, so a stray greeting or signature cannot go out unreviewed next to the template.
/// - `#send-draft` sends the language model's draft shown in the escalation, as written; any text below is kept
///   as an internal note (a ticket without a draft gets a refusal back).
/// - Anything else is a plain answer, sent as written.
///
/// Commands ignore case, leading blanks and a `:` right after the word (`#Note: VIP customer`). A first line
/// that starts with `#` and a word that is not a command (`#closed`, `#notes`) is ``invalid(command:problem:)``,
/// so a typo is returned to the agent instead of being mailed to the customer; `#` followed by a digit or a
/// blank (`#1 check the cable`) is an ordinary answer.
public enum AgentCommand: Hashable, Sendable {
    /// A plain answer: send `text` to the customer.
    case answer(String)
    /// An internal note; send nothing.
    case note(String)
    /// Close the ticket; send `reply` first when there is one.
    case close(reply: String?)
    /// Send the template `name`; keep `note` (text after the name), if any, as an internal note.
    case template(name: String, note: String?)
    /// Reopen the ticket (`#reopen`); any text is kept as an internal note.
    case reopen(note: String?)
    /// Send the language model's draft for the ticket as written (`#send-draft`); any text is kept as an internal
    /// note.
    case sendDraft(note: String?)
    /// A line that looks like a command but is not usable: `command` as written, `problem` for the agent.
    case invalid(command: String, problem: String)

    /// Whether carrying out the command sends mail to the customer.
    public var reachesCustomer: Bool {
        switch self {
        case .answer, .template, .sendDraft: true
        case .close(let reply): reply != nil
        case .note, .invalid, .reopen: false
        }
    }

    /// Reads the command in an agent's new text.
    public static func parse(_ text: String) -> AgentCommand {
        let lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { !isBlank($0) }) else { return .answer("") }
        let first = lines[index].drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard first.hasPrefix("#") else { return .answer(trimmedLines(text)) }
        let word = first.dropFirst().prefix { ($0.isLetter && $0.isASCII) || $0 == "-" }
        var rest = first.dropFirst(1 + word.count)
        if rest.hasPrefix(":") { rest = rest.dropFirst() }
        guard !word.isEmpty else { return .answer(trimmedLines(text)) }
        guard rest.isEmpty || rest.first?.isWhitespace == true else {
            return .invalid(command: "#" + word + String(rest.prefix(1)), problem: "unknown command")
        }
        let body = trimmedLines(([rest] + lines[(index + 1)...]).joined(separator: "\n"))
        switch word.lowercased() {
        case "note": return .note(body)
        case "close": return .close(reply: body.isEmpty ? nil : body)
        case "template": return template(body)
        case "reopen": return .reopen(note: body.isEmpty ? nil : body)
        case "send-draft": return .sendDraft(note: body.isEmpty ? nil : body)
        default: return .invalid(command: "#" + word, problem: "unknown command")
        }
    }

    /// `#template NAME [note]`: the name is letters, digits, `.`, `_`, `-`.
    private static func template(_ body: String) -> AgentCommand {
        let name = body.prefix { !$0.isWhitespace }
        let allowed = name.allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII || "._-".contains($0) }
        guard !name.isEmpty, allowed else {
            return .invalid(
                command: "#template", problem: name.isEmpty ? "missing template name" : "invalid template name")
        }
        let note = trimmedLines(String(body.dropFirst(name.count)))
        return .template(name: String(name), note: note.isEmpty ? nil : note)
    }

    private static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy { $0.isWhitespace || $0 == "\u{FEFF}" }
    }

    /// `text` without leading and trailing blank lines and surrounding blanks.
    private static func trimmedLines(_ text: String) -> String {
        var lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, isBlank(first) { lines.removeFirst() }
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        guard !lines.isEmpty else { return "" }
        lines[0] = lines[0].drop { $0.isWhitespace }
        return lines.map { $0.trimmingTrailingBlanks() }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
    }
}

extension Substring {
    fileprivate func trimmingTrailingBlanks() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result = result.dropLast() }
        return result
    }
}
