/// Test messages of an exact size: CRLF line ends, 8-bit UTF-8 text and raw high bytes, no NUL, no bare CR/LF.
enum TestMessage {
    static func make(size: Int, id: String, subject: String = "Test", extraHeaders: String = "") -> [UInt8] {
        var message = Array(
            ("From: Customer <customer@example.com>\r\nTo: support@example.org\r\nSubject: \(subject) \(id)\r\n"
                + "Message-ID: <\(id)@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\(extraHeaders)\r\n")
                .utf8)
        message.reserveCapacity(size)
        let text = Array("Grüße aus Köln, ça va? Zażółć gęślą jaźń \u{1F600} ".utf8)
        while true {
            let remaining = size - message.count
            if remaining <= 80 {
                message += [UInt8](repeating: UInt8(ascii: "x"), count: max(0, remaining - 2)) + [13, 10]
                return message
            }
            message += text + (0..<8).map { _ in UInt8.random(in: 0x80...0xFF) } + [13, 10]
        }
    }
}
