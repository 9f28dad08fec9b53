/// The customer's new text in a reply: the body without quoted history and signature.
///
/// Works on decoded text (quoted-printable and HTML already undone, blockquotes rendered as `> ` lines).
/// Handles top-posting and bottom-posting: `>` lines are dropped wherever they are, with the attribution
/// line that introduces them ("On ... wrote:" in many languages, also wrapped over two or three lines),
/// and unquoted text after a quote block is kept. Unquoted history is cut at its first marker: an
/// attribution not followed by quotes, "-----Original Message-----" and its translations, forwarded-message
/// markers, or an Outlook header block ("From: / Sent: / To: / Subject:" in several languages, with or
/// without the `____` line above it). A `-- ` signature (or `--` before a short block) and trailing mobile
/// signatures ("Sent from my iPhone", "Envoyé de mon iPhone", ...) are removed.
public enum ReplyText {
    /// The new text of `text`, lines joined with `\n`, blank runs collapsed, outer blank lines trimmed.
    /// When stripping would leave nothing (a forward without new text), the trimmed original is returned.
    public static func newText(_ text: String) -> String {
        let lines = splitLines(text)
        var kept: [String] = []
        var index = 0
        scan: while index < lines.count {
            let line = lines[index]
            if isQuoted(line) {
                index += 1
                continue
            }
            if let attribution = attribution(in: lines, at: index) {
                let next = nextNonBlank(lines, from: index + attribution.lineCount)
                if let next, isQuoted(lines[next]) {
                    index = next
                    continue
                }
                if attribution.isStrong { break scan }
            }
            if startsHistory(lines, at: index) || isSignatureDelimiter(lines, at: index) { break scan }
            kept.append(line)
            index += 1
        }
        let result = tidy(dropTrailingSignatures(kept))
        if result.isEmpty { return tidy(lines) }
        return result
    }

    /// Whether unquoted history starts at `index`: a separator line, a header block, or a rule line
    /// (`____`, or `---` from an HTML `<hr>`) right above a header block.
    static func startsHistory(_ lines: [String], at index: Int) -> Bool {
        let line = lines[index]
        if isSeparator(line) || headerBlockStarts(lines, at: index) { return true }
        if isRuleLine(line), let next = nextNonBlank(lines, from: index + 1), next - index <= 2 {
            return headerBlockStarts(lines, at: next)
        }
        return false
    }

    /// `-- ` always starts a signature; `--` alone only when a short block (at most 6 short lines) follows
    /// before the end or the next quote.
    static func isSignatureDelimiter(_ lines: [String], at index: Int) -> Bool {
        let line = lines[index]
        if line == "-- " || line == "-- \u{00A0}" { return true }
        guard line.trimmed() == "--" else { return false }
        var count = 0
        for following in lines[(index + 1)...] {
            if isQuoted(following) { break }
            if following.trimmed().isEmpty { continue }
            count += 1
            if count > 6 || following.count > 80 { return false }
        }
        return count > 0
    }

    /// Lines quoted with `>` (after optional white space).
    static func isQuoted(_ line: String) -> Bool {
        line.trimmed([" ", "\t"]).hasPrefix(">")
    }

    static func nextNonBlank(_ lines: [String], from start: Int) -> Int? {
        guard start < lines.count else { return nil }
        return lines[start...].firstIndex { !$0.trimmed().isEmpty }
    }

    /// A line made of one repeated rule character (`_`, `-`, `=`, `—`), at least three long.
    static func isRuleLine(_ line: String) -> Bool {
        let trimmed = line.trimmed()
        guard trimmed.count >= 3, let first = trimmed.first, "_-=—".contains(first) else { return false }
        return trimmed.allSatisfy { $0 == first }
    }

    /// Drops trailing blank lines and mobile signatures, repeatedly.
    static func dropTrailingSignatures(_ lines: [String]) -> [String] {
        var lines = lines
        while let last = lines.last, last.trimmed().isEmpty || isMobileSignature(last) {
            lines.removeLast()
        }
        return lines
    }

    /// Lines joined with `\n`: runs of blank lines collapsed to one, blank lines at both ends removed,
    /// trailing white space of the last line removed.
    static func tidy(_ lines: [String]) -> String {
        var out: [String] = []
        for line in lines {
            let blank = line.trimmed().isEmpty
            if blank && (out.isEmpty || out.last == "") { continue }
            out.append(blank ? "" : line)
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n").trimmed()
    }

    /// Lines split at CR LF, LF or CR.
    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && afterCR {
                afterCR = false
                continue
            }
            afterCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(current)
                current = ""
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        lines.append(current)
        return lines
    }
}
