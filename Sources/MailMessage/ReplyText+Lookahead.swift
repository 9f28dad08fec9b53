extension ReplyText.Scanner {
    /// The attribution at `position` (worked out once per line).
    mutating func attribution(at position: Int) -> ReplyText.Attribution? {
        if lines[position].isPlain { return nil }
        switch attributionMemo[position] {
        case 0:
            let found = ReplyText.attribution(in: lines, at: position)
            attributionMemo[position] = found.map { Int8($0.lineCount * 2 + ($0.isStrong ? 1 : 0)) } ?? -1
            return found
        case -1: return nil
        case let code: return ReplyText.Attribution(lineCount: Int(code / 2), isStrong: code % 2 == 1)
        }
    }

    /// Whether unquoted history starts at `position` (see ``ReplyText/startsHistory(_:at:)``), once per line.
    mutating func startsHistory(at position: Int) -> Bool {
        if lines[position].isPlain { return false }
        if historyMemo[position] == 0 { historyMemo[position] = ReplyText.startsHistory(lines, at: position) ? 1 : -1 }
        return historyMemo[position] == 1
    }

    /// Whether the line reads like part of a mailing-list footer, once per line.
    mutating func isListFooterLine(at position: Int) -> Bool {
        if footerMemo[position] == 0 { footerMemo[position] = ReplyText.isListFooterLine(lines[position].key) ? 1 : -1 }
        return footerMemo[position] == 1
    }

    /// `-- ` always starts a signature; `--` or `__` alone only when a short block (at most 6 short lines, no
    /// question) follows before the end, the next quote or the history below.
    mutating func isSignatureDelimiter(at index: Int) -> Bool {
        let line = lines[index]
        if line.isDashDashSpace { return true }
        guard line.key == ReplyText.doubleDash || line.key == ReplyText.doubleUnderscore else { return false }
        var count = 0
        var position = index + 1
        while position < lines.count {
            let next = lines[position]
            if next.isQuoted || startsHistory(at: position) || attribution(at: position)?.isStrong == true { break }
            position += 1
            if next.isBlank { continue }
            count += 1
            if count > 6 || next.isLong || next.length > 80 || next.key.last == 0x3F { return false }
        }
        return count > 0
    }

    /// Whether a mailing-list footer starts at `index`: a rule line (`____`, `--`, `-=-=-`, `====`) followed
    /// within six lines by a list's name, address, archive or unsubscribe line.
    mutating func startsListFooter(at index: Int) -> Bool {
        let line = lines[index]
        guard !line.isLong, line.length >= 2, line.length <= 80, ReplyText.isRule(line) else { return false }
        var seen = 0
        var position = index + 1
        while position < lines.count {
            defer { position += 1 }
            if lines[position].isBlank { continue }
            if isListFooterLine(at: position) { return true }
            seen += 1
            if seen >= 6 || lines[position].isQuoted { return false }
        }
        return false
    }
}
