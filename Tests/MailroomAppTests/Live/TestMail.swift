import Foundation
import LiveServerSupport
import Testing
import Triage

/// Mail the live tests deliver: customers' questions, agents' answers, auto-responders, the demo mails.
enum TestMail {
    /// A customer's plain-text mail with an Authentication-Results field of the trusted server (`dmarc`).
    static func customer(
        from address: String, name: String, subject: String, text: String, messageID: String,
        dmarc: String = "pass", extraHeaders: [String] = []
    ) -> [UInt8] {
        let domain = address.split(separator: "@").last.map(String.init) ?? "example.com"
        let head =
            [
                "Return-Path: <\(address)>",
                "Authentication-Results: mx.shop.example; spf=pass smtp.mailfrom=\(domain);",
                " dkim=pass header.d=\(domain); dmarc=\(dmarc) header.from=\(domain)",
                "Date: \(date())", "From: \(name) <\(address)>", "To: Larkwood Support <support@shop.example>",
                "Subject: \(subject)", "Message-ID: <\(messageID)>", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
            ] + extraHeaders
        return bytes(head, text)
    }

    /// A reply to `original` as a mail client writes it: `Re:` subject, In-Reply-To and References, To the
    /// Reply-To address, `quoted` (the original's text, `>`-quoted under an attribution line) below `text`.
    static func reply(
        to original: SentMail, from address: String, name: String, text: String, messageID: String,
        quoteOriginal: Bool = true, dmarc: String = "pass", extraHeaders: [String] = []
    ) -> [UInt8] {
        let domain = address.split(separator: "@").last.map(String.init) ?? "example.com"
        let replyTo = original.message.replyTo.first?.address ?? original.message.from.first?.address ?? ""
        let references = (original.message.references + [original.messageID]).map { "<\($0)>" }
        var body = text
        if quoteOriginal {
            let quoted = original.text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "> " + $0.trimmingCharacters(in: .newlines) }
            body +=
                "\n\nOn \(date()), Larkwood <\(original.message.from.first?.address ?? "")> wrote:\n"
                + quoted.joined(separator: "\n")
        }
        let head =
            [
                "Return-Path: <\(address)>",
                "Authentication-Results: mx.shop.example; spf=pass smtp.mailfrom=\(domain);",
                " dkim=pass header.d=\(domain); dmarc=\(dmarc) header.from=\(domain)",
                "Date: \(date())", "From: \(name) <\(address)>", "To: \(replyTo)", "Subject: Re: \(original.subject)",
                "Message-ID: <\(messageID)>", "In-Reply-To: <\(original.messageID)>",
                "References: \(references.joined(separator: " "))", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
            ] + extraHeaders
        return bytes(head, body)
    }

    /// The demo mails of scripts/demo-mail, by file name.
    static func demo() throws -> [(name: String, bytes: [UInt8])] {
        let folder = LiveServers.packageRoot.appendingPathComponent("scripts/demo-mail")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
            .map { ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    /// The labelled examples of config/intents/default-dev.csv (texts with their intents).
    static func intentExamples() throws -> [(text: String, intent: String)] {
        let file = LiveServers.packageRoot.appendingPathComponent("config/intents/default-dev.csv")
        let table = CSVTable(parsing: try String(contentsOf: file, encoding: .utf8))
        let text = try #require(table.column("text"))
        let label = try #require(table.column("label"))
        return table.rows.filter { $0.count > max(text, label) }.map { ($0[text], $0[label]) }
    }

    /// A fresh Message-ID (without angle brackets) at `domain`.
    static func newMessageID(_ prefix: String, domain: String = "example.com") -> String {
        "\(prefix).\(UInt64.random(in: 0...UInt64.max)).\(UInt32.random(in: 0...UInt32.max))@\(domain)"
    }

    private static func date() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: Date())
    }

    private static func bytes(_ head: [String], _ text: String) -> [UInt8] {
        let body = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        return Array((head.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n").utf8)
    }
}
