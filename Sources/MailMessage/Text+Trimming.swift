extension StringProtocol {
    /// The string without leading and trailing characters in `set` (ASCII white space by default).
    func trimmed(_ set: Set<Character> = [" ", "\t", "\r", "\n"]) -> String {
        guard let first = firstIndex(where: { !set.contains($0) }) else { return "" }
        let last = lastIndex(where: { !set.contains($0) })!
        return String(self[first...last])
    }
}
