import Crypto
import MailMessage

/// A SHA-256 over a message's content without its trace fields, so the same message delivered twice
/// (two mailboxes, a re-delivery, a UIDVALIDITY reset) has the same fingerprint.
///
/// Skipped fields are the ones each hop or delivery adds: Received, Return-Path, Delivered-To, X-Original-To,
/// Envelope-To, X-Envelope-*, Authentication-Results, ARC-*, X-Spam-*, Status/X-Status/X-UID (mbox). Line ends
/// are normalised to LF before hashing.
public enum ContentFingerprint {
    /// The fingerprint as 64 lowercase hex digits.
    public static func compute(_ raw: [UInt8]) -> String {
        scan(raw).hash
    }

    /// The fingerprint with the Message-ID and From values read on the way (unfolded, undecoded).
    public struct Scan: Sendable, Hashable {
        /// 64 lowercase hex digits.
        public var hash: String
        /// The Message-ID without angle brackets, if present.
        public var messageID: String?
        /// The From header value, if present.
        public var from: String?
    }

    /// Hashes `raw` and reads its Message-ID and From on the way (no full parse).
    public static func scan(_ raw: [UInt8]) -> Scan {
        var fields: [String: String] = [:]
        var hasher = SHA256()
        var lastName: String?
        var index = 0
        var skipping = false
        var inHeader = true
        while index < raw.count {
            var end = index
            while end < raw.count, raw[end] != 0x0A { end += 1 }
            var contentEnd = end
            if contentEnd > index, raw[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = raw[index..<contentEnd]
            if inHeader {
                if line.isEmpty {
                    inHeader = false
                } else if line.first == 0x20 || line.first == 0x09 {
                    if skipping {
                        index = end + 1
                        continue
                    }
                    if let name = lastName, fields[name] != nil {
                        fields[name]! += " " + String(decoding: line, as: UTF8.self).trimmingPrefixBlanks()
                    }
                } else {
                    skipping = isTraceField(line)
                    if skipping {
                        index = end + 1
                        continue
                    }
                    lastName = readField(line, into: &fields)
                }
            }
            hasher.update(data: Array(line))
            hasher.update(data: [0x0A])
            index = end + 1
        }
        let hash = hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
        let messageID = fields["message-id"].flatMap { MessageIDParser.ids(in: $0).first }
        return Scan(hash: hash, messageID: messageID, from: fields["from"])
    }

    /// Records Message-ID and From (first occurrence); returns the field name when it is one of them.
    private static func readField(_ line: ArraySlice<UInt8>, into fields: inout [String: String]) -> String? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased().trimmingSuffix(" ")
        guard name == "message-id" || name == "from", fields[name] == nil else { return nil }
        fields[name] = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingPrefixBlanks()
        return name
    }

    private static func isTraceField(_ line: ArraySlice<UInt8>) -> Bool {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            .trimmingSuffix(" ")
        if traceFields.contains(name) { return true }
        return traceprefixes.contains { name.hasPrefix($0) }
    }

    private static let traceFields: Set<String> = [
        "received", "return-path", "delivered-to", "x-original-to", "envelope-to", "authentication-results",
        "received-spf", "status", "x-status", "x-uid", "x-keywords", "x-mozilla-status", "x-mozilla-status2",
        "dkim-signature-verified", "x-delivered-to", "lines", "content-length",
    ]

    private static let traceprefixes = ["x-envelope-", "arc-", "x-spam", "x-virus", "x-ms-exchange-organization"]
}

extension String {
    fileprivate func trimmingPrefixBlanks() -> String {
        String(drop { $0 == " " || $0 == "\t" })
    }

    fileprivate func trimmingSuffix(_ character: Character) -> String {
        var result = Substring(self)
        while result.last == character { result = result.dropLast() }
        return String(result)
    }
}
