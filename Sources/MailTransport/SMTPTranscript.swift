/// Pure reading of an SMTP conversation (libcurl's debug transcript): which reply answered which command.
struct SMTPTranscript: Equatable {
    /// One command and the complete replies it got (DATA gets two: 354, then the final answer).
    struct Exchange: Equatable {
        var command: String
        var replies: [Reply]
    }

    /// A complete (possibly multi-line) reply: its code and its last line.
    struct Reply: Equatable {
        var code: Int
        var text: String
        var isPositive: Bool { (200..<400).contains(code) }
        var isTransient: Bool { (400..<500).contains(code) }
    }

    var greeting: [Reply] = []
    var exchanges: [Exchange] = []

    init(_ lines: [TranscriptLine]) {
        for line in lines {
            switch line.direction {
            case .sent:
                exchanges.append(Exchange(command: line.text, replies: []))
            case .received:
                guard let reply = SMTPTranscript.finalReply(line.text) else { continue }  // a "250-" line
                if exchanges.isEmpty {
                    greeting.append(reply)
                } else {
                    exchanges[exchanges.count - 1].replies.append(reply)
                }
            }
        }
    }

    /// The reply to each `RCPT TO`, in order.
    var recipientReplies: [Reply?] {
        exchanges.filter { $0.command.uppercased().hasPrefix("RCPT TO") }.map(\.replies.last)
    }

    /// The reply to `MAIL FROM`, if it was sent.
    var mailFromReply: Reply? {
        exchanges.last { $0.command.uppercased().hasPrefix("MAIL FROM") }?.replies.last
    }

    /// The replies to `DATA` (the 354 go-ahead, then the answer to the message), if it was sent.
    var dataReplies: [Reply]? {
        exchanges.last { $0.command.uppercased() == "DATA" }?.replies
    }

    /// A reply line whose code is followed by a space (or nothing): the last line of a reply.
    static func finalReply(_ line: String) -> Reply? {
        let characters = Array(line.utf8.prefix(4))
        guard characters.count >= 3, let code = Int(String(decoding: characters[0..<3], as: UTF8.self)),
            (200..<600).contains(code), characters.count == 3 || characters[3] == UInt8(ascii: " ")
        else { return nil }
        return Reply(code: code, text: line)
    }
}
