import MailMessage
/// Recognises addresses that belong to machines rather than people: mailer-daemon, postmaster,
/// noreply / no-reply / donotreply / do-not-reply (with any separator, also as part of a longer local part
/// such as `orders-noreply`), bounce and bounces, and VERP return addresses starting with `bounce+`,
/// `bounce-`, `bounces+` or `bounces-`.
public enum AutomatedSender {
    /// Runs of local-part words (between separators) that mark a machine.
    static let wordRuns: Set<[String]> = [
        ["noreply"], ["no", "reply"], ["donotreply"], ["do", "not", "reply"], ["donot", "reply"], ["do", "notreply"],
        ["mailerdaemon"], ["mailer", "daemon"],
    ]
    /// Whole local parts (before any `+` extension) that are machines.
    static let localParts: Set<String> = ["mailer-daemon", "mailerdaemon", "postmaster", "bounce", "bounces"]
    /// Local-part prefixes of VERP bounce addresses.
    static let prefixes = ["bounce+", "bounce-", "bounces+", "bounces-"]
    /// The separators between words of a local part.
    static let separators: Set<Character> = ["-", "_", ".", "+", "="]

    /// The pattern that marks `address` (bare or in angle brackets) as automated, e.g. `noreply`, or nil.
    public static func match(_ address: String) -> String? {
        let bare = address.removingWhitespace(angleBrackets: true).lowercased()
        let local = bare.lastIndex(of: "@").map { String(bare[..<$0]) } ?? bare
        guard !local.isEmpty else { return nil }
        let base = local.split(separator: "+", maxSplits: 1).first.map(String.init) ?? local
        if let prefix = prefixes.first(where: { local.hasPrefix($0) }) { return prefix }
        if localParts.contains(base) { return base }
        let parts = local.split(whereSeparator: { separators.contains($0) }).map(String.init)
        for start in parts.indices {
            for end in start..<min(start + 3, parts.count) where wordRuns.contains(Array(parts[start...end])) {
                return parts[start...end].joined()
            }
        }
        return nil
    }

    /// Whether `address` belongs to a machine.
    public static func isAutomated(_ address: String) -> Bool {
        match(address) != nil
    }
}
