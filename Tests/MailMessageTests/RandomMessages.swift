import Foundation

@testable import MailMessage

/// Seeded random messages for property tests: Unicode from many scripts, CR/LF and NUL in odd places,
/// long lines, binary attachments, attached messages.
struct RandomMessages {
    var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    static let pools: [[String]] = [
        Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").map(String.init),
        [" ", " ", " ", ".", ",", "!", "?", "-", "(", ")", "\"", "'", "=", "_", ":", ";", "<", ">", "@", "\\", "/"],
        Array("àéèçüöñßØÆœÿ").map(String.init),
        Array("абвгдежзийклмнопрстуфхцчшщыэюяАБВГД").map(String.init),
        Array("日本語中文漢字東京大阪한국어사랑").map(String.init),
        ["😀", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "👍🏽", "🎉"],
        Array("مرحبا بالعالم שלום עולם").map(String.init),
        ["\r", "\n", "\r\n", "\t", "\u{0}", "\u{1B}", "=?", "?="],
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &generator)
    }

    mutating func chance(_ percent: Int) -> Bool {
        int(1...100) <= percent
    }

    /// Text of `count` pieces drawn from a few random pools (ASCII more often than not).
    mutating func text(_ count: Int, controls: Bool = true) -> String {
        let poolCount = controls ? Self.pools.count : Self.pools.count - 1
        let chosen = (0..<int(1...3)).map { _ in chance(50) ? 0 : int(0...(poolCount - 1)) } + [1]
        var out = ""
        for _ in 0..<count {
            let pool = Self.pools[chosen[int(0...(chosen.count - 1))]]
            out += pool[int(0...(pool.count - 1))]
        }
        return out
    }

    /// A body of lines with mixed line endings, sometimes one very long line.
    mutating func body() -> String {
        var lines: [String] = []
        for _ in 0..<int(0...20) {
            lines.append(text(chance(5) ? int(999...1500) : int(0...100), controls: false))
        }
        var out = ""
        for line in lines { out += line + ["\n", "\r\n", "\r"][int(0...2)] }
        return out
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    mutating func address(_ index: Int) -> Address {
        Address(name: chance(80) ? text(int(0...40)) : nil, address: "user\(index).\(int(0...999))@example.com")
    }

    mutating func attachment() -> Attachment {
        let types = ["application/pdf", "image/png", "text/plain", "application/octet-stream", "text/csv"]
        let content: [UInt8]
        switch int(0...2) {
        case 0: content = bytes(int(0...3000))
        case 1: content = Array(body().utf8)
        default: content = Array(text(int(0...400), controls: false).utf8)
        }
        let type = types[int(0...(types.count - 1))]
        // Inline text parts are body text to a reader, so text files are always attachments.
        let inline = !type.hasPrefix("text/") && chance(30)
        return Attachment(
            filename: chance(85) ? text(int(1...90)) : nil, contentType: type,
            contentID: chance(30) ? "part\(int(0...99999)).\(int(0...999))@example.com" : nil,
            disposition: inline ? "inline" : "attachment", bytes: content)
    }

    mutating func attachedMessage() -> [UInt8] {
        let long = chance(30) ? String(repeating: "y", count: 1100) : "short"
        return Array("From: a@example.org\nSubject: fwd \(int(0...99))\n\nOriginal body\n\(long)\nend\n".utf8)
    }

    mutating func message() -> OutgoingMessage {
        OutgoingMessage(
            from: address(0), to: (0..<int(1...3)).map { address($0 + 1) }, cc: chance(30) ? [address(9)] : [],
            replyTo: chance(30) ? [address(10)] : [], subject: text(int(0...150)),
            date: Date(timeIntervalSince1970: TimeInterval(int(0...2_000_000_000))), utcOffset: int(-12...14) * 3600,
            messageID: "m\(int(0...999_999))@example.com", inReplyTo: chance(50) ? "r\(int(0...99))@example.org" : nil,
            references: (0..<int(0...30)).map { "ref\($0).\(int(0...999_999))@mail.example.org" },
            extraFields: chance(50) ? [HeaderField(name: "Auto-Submitted", value: "auto-replied")] : [],
            textBody: body(), htmlBody: chance(40) ? "<p>" + text(int(0...200), controls: false) + "</p>" : nil,
            attachments: (0..<(chance(50) ? int(1...3) : 0)).map { _ in attachment() },
            attachedMessages: chance(25) ? [attachedMessage()] : [])
    }
}
