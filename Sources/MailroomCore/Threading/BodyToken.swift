import Foundation
import MailMessage

/// A hidden marker with the signed ticket token in the body of what we send, `[ref:MR-7K4QX2.3KZ0T9QW1M]`,
/// for providers and clients that rewrite or drop Message-IDs and reply to the plain address.
///
/// In plain text the marker is the last line; in HTML it sits in a `<span>` hidden with `display:none`
/// (and `mso-hide:all` for Outlook). Extraction reads any text, quoted history included: it joins lines,
/// dropping `>` quote prefixes, surrounding blanks and quoted-printable soft line breaks (`=` at the end of
/// a line), so a marker wrapped or quoted by a client is still found. Only a marker with a valid MAC
/// counts.
public struct BodyToken: Sendable {
    /// The text before the token in a marker (matched without regard to case).
    public static let opening = "[ref:"
    /// The text after the token in a marker.
    public static let closing = "]"

    /// The most markers whose MAC is checked in one text, so a message stuffed with fake markers costs
    /// little; real mail carries one per quoted answer.
    public static let maximumCandidates = 64

    private let signer: TokenSigner

    /// Creates the marker scheme.
    public init(signer: TokenSigner) {
        self.signer = signer
    }

    /// The marker for ticket `publicID`: `[ref:MR-7K4QX2.3KZ0T9QW1M]`.
    /// - Throws: ``InvalidInputError/publicID``.
    public func marker(for publicID: String) throws(InvalidInputError) -> String {
        Self.opening + (try signer.token(for: publicID)) + Self.closing
    }

    /// `text` with trailing blank lines removed and the marker added as its last line, after a blank line.
    /// - Throws: ``InvalidInputError/publicID``.
    public func appending(toPlainText text: String, publicID: String) throws(InvalidInputError) -> String {
        Self.appending(toPlainText: text, marker: try marker(for: publicID))
    }

    /// `text` with trailing blank lines removed and `marker` (``marker(for:)``, made once for a mail's text and
    /// HTML) added as its last line, after a blank line.
    public static func appending(toPlainText text: String, marker: String) -> String {
        var body = Substring(text)
        while let last = body.last, last.isNewline || last == " " || last == "\t" { body = body.dropLast() }
        return body.isEmpty ? marker : body + "\n\n" + marker
    }

    /// `html` with the marker in a hidden span, placed before the last `</body>` (or at the end when there is
    /// none).
    /// - Throws: ``InvalidInputError/publicID``.
    public func appending(toHTML html: String, publicID: String) throws(InvalidInputError) -> String {
        Self.appending(toHTML: html, marker: try marker(for: publicID))
    }

    /// `html` with `marker` (``marker(for:)``) in a hidden span, placed before the last `</body>` (or at the end
    /// when there is none).
    public static func appending(toHTML html: String, marker: String) -> String {
        let span = "<span style=\"display:none;mso-hide:all\">\(marker)</span>"
        guard let close = TextSearch.lastIgnoringASCIICase("</body>", in: html) else { return html + span }
        return html[..<close] + span + html[close...]
    }

    /// The ticket of the first marker in `text` whose MAC is valid, or nil. Tolerates `>` quote prefixes,
    /// wrapped lines and quoted-printable soft line breaks; forged and truncated markers are skipped.
    public func ticket(in text: String) -> String? {
        publicIDs(in: text, limit: 1).first
    }

    /// The tickets of every marker in `text` whose MAC is valid, in order of appearance, without duplicates.
    public func publicIDs(in text: String) -> [String] {
        publicIDs(in: text, limit: Int.max)
    }

    private func publicIDs(in text: String, limit: Int) -> [String] {
        let joined = Self.joinedLines(Array(text.utf8))
        let opening = Array(Self.opening.utf8)
        var found: [String] = []
        var index = 0
        var checked = 0
        while found.count < limit, checked < Self.maximumCandidates,
            let start = Self.find(opening, in: joined, from: index)
        {
            var end = start + opening.count
            while end < joined.count, PublicID.isIDByteAnyCase(joined[end]) || joined[end] == UInt8(ascii: ".") {
                end += 1
            }
            if end < joined.count, joined[end] == UInt8(ascii: "]") {
                let token = String(decoding: joined[(start + opening.count)..<end], as: UTF8.self)
                checked += 1
                if let id = signer.publicID(fromToken: token), !found.contains(id) { found.append(id) }
            }
            index = start + 1
        }
        return found
    }

    /// The lines of `bytes` joined without separators, each without its quote prefix (`>`, blanks),
    /// trailing blanks, carriage return and soft line break.
    static func joinedLines(_ bytes: [UInt8]) -> [UInt8] {
        var joined: [UInt8] = []
        joined.reserveCapacity(bytes.count)
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var content = line.drop { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            while let last = content.last, last == 0x0D || last == 0x20 || last == 0x09 { content = content.dropLast() }
            if content.last == UInt8(ascii: "=") { content = content.dropLast() }
            joined.append(contentsOf: content)
        }
        return joined
    }

    /// The first index at or after `from` where `needle` (ASCII, lower case letters) occurs in `haystack`,
    /// ignoring ASCII case.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = from
        while index + needle.count <= haystack.count {
            var matched = true
            for offset in 0..<needle.count where lowercased(haystack[index + offset]) != needle[offset] {
                matched = false
                break
            }
            if matched { return index }
            index += 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
