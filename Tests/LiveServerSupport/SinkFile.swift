import Foundation

/// One message the SMTP sink stored (`$MAILROOM_TEST_SMTP_OUT/new/`): the message as received, and the five
/// lines the sink prepends (`X-Envelope-From`, `X-Envelope-To`, `X-Peer`, `X-TLS`, `X-Auth-User`).
public struct SinkFile: Sendable, CustomStringConvertible {
    /// The file name (the sink names files by arrival time, so names sort in arrival order).
    public var name: String
    /// The prepended lines, by name.
    public var envelope: [String: String]
    /// The message, byte for byte, without the prepended lines.
    public var message: [UInt8]

    /// The file name and envelope (failure messages stay readable).
    public var description: String { "\(name) from \(envelopeFrom) to \(envelopeTo.joined(separator: ", "))" }

    /// The envelope sender (`<>` for the null sender).
    public var envelopeFrom: String { envelope["X-Envelope-From"] ?? "" }

    /// The envelope recipients.
    public var envelopeTo: [String] {
        (envelope["X-Envelope-To"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Every message in the sink folder `directory` (default: `MAILROOM_TEST_SMTP_OUT`), in arrival order;
    /// `matching` filters on the prepended lines before the rest of a file is kept.
    public static func all(in directory: String? = nil, matching: ([String: String]) -> Bool = { _ in true }) throws
        -> [SinkFile]
    {
        let folder = URL(fileURLWithPath: try directory ?? LiveServers.value("MAILROOM_TEST_SMTP_OUT"))
            .appendingPathComponent("new")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().compactMap { name in
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let file = split(bytes, name: name)
            return matching(file.envelope) ? file : nil
        }
    }

    private static func split(_ bytes: [UInt8], name: String) -> SinkFile {
        var envelope: [String: String] = [:]
        var offset = 0
        for _ in 0..<5 {
            guard let end = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let line = String(decoding: bytes[offset..<end], as: UTF8.self).trimmingCharacters(in: .newlines)
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { envelope[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
            offset = end + 1
        }
        return SinkFile(name: name, envelope: envelope, message: Array(bytes[offset...]))
    }
}
