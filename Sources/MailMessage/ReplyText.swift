/// The customer's new text in a reply: the body without quoted history and signature.
///
/// Works on decoded text (quoted-printable and HTML already undone, blockquotes rendered as `> ` lines), in
/// one pass over the lines (see ``Scanner``), in time linear in the input.
///
/// - Quoted history: `>` lines with the attribution that introduces them ("On ... wrote:", with or without
///   the colon, in some forty languages, wrapped over up to three lines; date-first forms without a verb such
///   as "2017-11-24 16:32 GMT+01:00 Bob <b@x>:"; Zoho's and Android's "---- ... wrote ----"). After a top-post
///   everything below the attribution is history, except answers between quote blocks; in a bottom-post the
///   text after the quotes is the answer. Quote blocks the customer introduces themselves ("The error says:")
///   are kept.
/// - Unquoted history is cut at its first marker: a strong attribution, "-----Original Message-----" and its
///   translations, forwarded-message markers, or an Outlook/GMX/Orange header block ("From: / Sent: / To: /
///   Subject:" in some thirty languages, in any order, with or without the `____` line above it).
/// - Signatures: `-- ` (or `--` before a short block), mailing-list footers, device and app signatures ("Sent
///   from my iPhone" and its kin, with whatever an app appends below them), and a valediction block at the end
///   ("Regards," with a name and at least one more line: title, company, phone). A bare sign-off ("Thanks,
///   Anna", "Best regards / Jane") stays.
public enum ReplyText {
    /// The new text of `text`, lines joined with `\n`, blank runs collapsed, outer blank lines trimmed.
    /// When stripping would leave nothing (a forward without new text), the trimmed original is returned.
    public static func newText(_ text: String) -> String {
        let (bytes, lines) = scanLines(text)
        var scanner = Scanner(bytes, lines)
        let result = tidy(dropTrailingSignatures(scanner.run()))
        if result.isEmpty { return tidy(splitLines(text)) }
        return result
    }

    /// Whether unquoted history starts at `index`: a separator line, a header block, or a rule line
    /// (`____`, or `---` from an HTML `<hr>`) right above a header block.
    static func startsHistory(_ lines: [Line], at index: Int) -> Bool {
        let line = lines[index]
        if isSeparator(line) || headerBlockStarts(lines, at: index) { return true }
        guard isRuleLine(line) else { return false }
        for next in (index + 1)..<min(lines.count, index + 4) where !lines[next].isBlank {
            return headerBlockStarts(lines, at: next) || attribution(in: lines, at: next) != nil
        }
        return false
    }

    /// A line made of one repeated rule character (`_`, `-`, `=`, `—`), at least three long.
    static func isRuleLine(_ line: Line) -> Bool {
        guard !line.isLong, line.length >= 3, let first = line.key.first else { return false }
        if line.key.hasPrefix(emDash) { return line.key.trimmed([0x2D]).isEmpty }
        return (first == 0x5F || first == 0x2D || first == 0x3D) && line.key.bytes.allSatisfy { $0 == first }
    }

    /// Drops trailing blank lines, rule lines and device signatures, then a valediction block at the end.
    static func dropTrailingSignatures(_ lines: [String]) -> [String] {
        var lines = lines
        func dropBlankAndDevice() {
            while let last = lines.last.map(Line.init), last.isBlank || isDeviceSignature(last) || isRule(last) {
                lines.removeLast()
            }
        }
        dropBlankAndDevice()
        if let start = valedictionBlockStart(lines) {
            lines.removeSubrange(start...)
            dropBlankAndDevice()
        }
        return lines
    }

    /// Where a closing valediction block starts: "Regards," (or "Regards, Anna") followed to the end by
    /// signature lines (name, title, company, contact) and disclaimer paragraphs, at least three parts in all,
    /// with the customer's text above it.
    static func valedictionBlockStart(_ lines: [String]) -> Int? {
        var parts = 0
        var position = lines.count
        while position > 0, parts <= 8 {
            position -= 1
            let line = Line(lines[position])
            if line.isBlank { continue }
            if let form = valediction(line) {
                parts += form == .withName ? 2 : 1
                let textAbove = lines[..<position].contains { !isBlankText($0) }
                return parts >= 3 && textAbove ? position : nil
            }
            parts += 1
            if isSignatureLine(line) { continue }
            guard let start = disclaimerParagraphStart(lines, endingAt: position) else { return nil }
            position = start
        }
        return nil
    }

    /// The first line of the paragraph ending at `end` when it is a legal disclaimer (one of its lines names
    /// confidentiality, the intended recipient, ...); at most 20 lines are looked at.
    static func disclaimerParagraphStart(_ lines: [String], endingAt end: Int) -> Int? {
        var start = end
        var isDisclaimer = false
        while start >= 0, end - start < 20 {
            let line = Line(lines[start])
            if line.isBlank { break }
            isDisclaimer = isDisclaimer || disclaimerKeys.contains { line.key.contains($0) }
            start -= 1
        }
        return isDisclaimer ? start + 1 : nil
    }

    /// Lines joined with `\n`: runs of blank lines collapsed to one, blank lines at both ends removed,
    /// trailing white space of the last line removed.
    static func tidy(_ lines: [String]) -> String {
        var out: [String] = []
        for line in lines {
            let blank = isBlankText(line)
            if blank && (out.isEmpty || out.last == "") { continue }
            out.append(blank ? "" : line)
        }
        while out.last == "" { out.removeLast() }
        return trimmedASCII(out.joined(separator: "\n"))
    }

    /// Whether a line has nothing but white space (ASCII or Unicode, such as no-break and ideographic spaces).
    static func isBlankText(_ line: String) -> Bool {
        for byte in line.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A {
            guard byte >= 0x80 else { return false }
            return line.unicodeScalars.allSatisfy { $0.properties.isWhitespace || isInvisibleMark($0.value) }
        }
        return true
    }

    /// The text without leading and trailing spaces, tabs, CR and LF (on bytes: a long run costs little).
    static func trimmedASCII(_ text: String) -> String {
        let bytes = text.utf8
        func isWhite(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        guard let first = bytes.firstIndex(where: { !isWhite($0) }), let last = bytes.lastIndex(where: { !isWhite($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// Lines split at CR LF, LF or CR.
    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            guard byte == 0x0A || byte == 0x0D else {
                index = bytes.index(after: index)
                continue
            }
            lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
            index = bytes.index(after: index)
            if byte == 0x0D, index != bytes.endIndex, bytes[index] == 0x0A { index = bytes.index(after: index) }
            start = index
        }
        lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
        return lines
    }
}
