/// An agent's mail read as an instruction: the first-line command (``AgentCommand``) and the modifiers written on
/// lines above it.
///
/// - `#kb` or `#reusable`: the answer may be reused for other customers; it enters the knowledge base approved,
///   if it passes the personal-data screen (otherwise it stays pending and the agent is told what was found).
/// - `#relay`: send the answer to the customer although the mail it answers came from a third party.
///
/// Modifiers may stand alone on a line or before the answer on the same line (`#kb Your parcel ...`), in any
/// order and case; then the command or answer follows as usual.
public struct AgentInstruction: Hashable, Sendable {
    /// A modifier line.
    public enum Modifier: String, Hashable, Sendable, CaseIterable {
        /// `#kb` / `#reusable`.
        case reusable
        /// `#relay`.
        case relay
    }

    /// The modifiers given.
    public var modifiers: Set<Modifier>
    /// The command (or plain answer) below them.
    public var command: AgentCommand

    /// Reads an agent's new text.
    public static func parse(_ text: String) -> AgentInstruction {
        var modifiers: Set<Modifier> = []
        var rest = Substring(text)
        while true {
            let trimmed = rest.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
            guard trimmed.first == "#" else { break }
            let word = trimmed.dropFirst().prefix { $0.isLetter && $0.isASCII }
            let after = trimmed.dropFirst(1 + word.count)
            guard after.isEmpty || after.first?.isWhitespace == true || after.first == ":" else { break }
            let modifier: Modifier
            switch word.lowercased() {
            case "kb", "reusable": modifier = .reusable
            case "relay": modifier = .relay
            default: return AgentInstruction(modifiers: modifiers, command: AgentCommand.parse(String(rest)))
            }
            modifiers.insert(modifier)
            rest = after.first == ":" ? after.dropFirst() : after
        }
        return AgentInstruction(modifiers: modifiers, command: AgentCommand.parse(String(rest)))
    }
}
