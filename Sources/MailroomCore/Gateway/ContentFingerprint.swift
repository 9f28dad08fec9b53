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

    /// Hashes `raw` and reads its Message-ID and From on the way (no full parse). What is hashed goes through a
    /// buffer of 64 KiB, one update each: an update per line (two, with its LF) and a String per field name cost
    /// 150,000 instructions a mail, twice the hashing itself.
    public static func scan(_ raw: [UInt8]) -> Scan {
        var fields: [String: String] = [:]
        var hasher = SHA256()
        var pending: [UInt8] = []
        pending.reserveCapacity(min(raw.count + 1, bufferSize))
        var lastName: String?
        var index = 0
        var skipping = false
        while index < raw.count {
            let end = raw[index...].firstIndex(of: 0x0A) ?? raw.count
            var contentEnd = end
            if contentEnd > index, raw[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = raw[index..<contentEnd]
            index = end + 1
            if line.isEmpty {
                pending.append(0x0A)
                break
            }
            if line.first == 0x20 || line.first == 0x09 {
                if skipping { continue }
                if let name = lastName, fields[name] != nil {
                    fields[name]! += " " + String(decoding: line, as: UTF8.self).trimmingPrefixBlanks()
                }
            } else {
                let name = fieldName(line)
                skipping = name.map(isTraceField) ?? false
                if skipping { continue }
                lastName = name.flatMap { readField($0, line, into: &fields) }
            }
            append(line, to: &pending, hasher: &hasher)
        }
        // The body: every line as it is, CR before LF dropped, an LF after the last one.
        while index < raw.count {
            let end = raw[index...].firstIndex(of: 0x0A) ?? raw.count
            let contentEnd = end > index && raw[end - 1] == 0x0D ? end - 1 : end
            append(raw[index..<contentEnd], to: &pending, hasher: &hasher)
            index = end + 1
        }
        hasher.update(data: pending)
        return Scan(
            hash: hex(hasher.finalize()), messageID: fields["message-id"].flatMap { MessageIDParser.ids(in: $0).first },
            from: fields["from"])
    }

    private static let bufferSize = 64 * 1024

    /// Adds a line and its LF to what is hashed, hashing the buffer when it is full.
    private static func append(_ line: ArraySlice<UInt8>, to pending: inout [UInt8], hasher: inout SHA256) {
        if pending.count + line.count >= bufferSize {
            hasher.update(data: pending)
            pending.removeAll(keepingCapacity: true)
        }
        pending.append(contentsOf: line)
        pending.append(0x0A)
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A header line's field name in ASCII lower case, without blanks before the colon; nil without a colon.
    private static func fieldName(_ line: ArraySlice<UInt8>) -> [UInt8]? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var name = line[line.startIndex..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        while name.last == 0x20 { name.removeLast() }
        return name
    }

    /// Records Message-ID and From (first occurrence); returns the field name when it is one of them.
    private static func readField(_ name: [UInt8], _ line: ArraySlice<UInt8>, into fields: inout [String: String])
        -> String?
    {
        let key: String
        if name.elementsEqual("message-id".utf8) {
            key = "message-id"
        } else if name.elementsEqual("from".utf8) {
            key = "from"
        } else {
            return nil
        }
        guard fields[key] == nil, let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        fields[key] = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingPrefixBlanks()
        return key
    }

    private static func isTraceField(_ name: [UInt8]) -> Bool {
        traceFields.contains(name) || tracePrefixes.contains { name.starts(with: $0) }
    }

    private static let traceFields: Set<[UInt8]> = Set(
        [
            "received", "return-path", "delivered-to", "x-original-to", "envelope-to", "authentication-results",
            "received-spf", "status", "x-status", "x-uid", "x-keywords", "x-mozilla-status", "x-mozilla-status2",
            "dkim-signature-verified", "x-delivered-to", "lines", "content-length",
        ].map { Array($0.utf8) })

    private static let tracePrefixes = ["x-envelope-", "arc-", "x-spam", "x-virus", "x-ms-exchange-organization"].map {
        Array($0.utf8)
    }
}

extension String {
    fileprivate func trimmingPrefixBlanks() -> String {
        String(drop { $0 == " " || $0 == "\t" })
    }
}
