import Foundation

/// An IMAP session logged in by libcurl (`CURLOPT_CONNECT_ONLY` runs greeting, CAPABILITY, STARTTLS and login),
/// then spoken raw over `curl_easy_send`/`curl_easy_recv`: the commands libcurl's IMAP layer cannot run (IDLE, and
/// a FETCH of many message bodies in one command).
///
/// Owned by one actor; every call blocks its thread for at most the given timeout.
final class RawIMAPSession {
    enum Line: Equatable {
        case line(String)
        case timedOut
        case closed(TransportError)
    }

    private let curl: CurlEasy
    /// Received bytes; those before `start` are consumed (dropped in one go once they are many).
    private var buffer: [UInt8] = []
    private var start = 0
    private var tagNumber = 0
    private let server: String

    /// Connects and logs in; throws the mapped error when libcurl cannot.
    init(configuration: IMAPConfiguration, server: String, purpose: String = "IDLE login") throws(TransportError) {
        curl = try CurlEasy(settings: configuration.settings)
        self.server = server
        var request = CurlRequest(url: server + "/")
        request.connectOnly = true
        let transfer = curl.perform(request)
        guard transfer.succeeded else {
            throw TransportError.fromCurl(
                code: transfer.code, errorText: transfer.errorText, transcript: transfer.transcript,
                context: FailureContext(
                    protocolName: "IMAP", server: server, username: configuration.credentials.username,
                    operation: purpose, mailbox: nil))
        }
    }

    /// Sends a tagged command; returns its tag.
    func send(command: String) throws(TransportError) -> String {
        tagNumber += 1
        let tag = "m\(tagNumber)"
        try send(raw: "\(tag) \(command)\r\n")
        return tag
    }

    /// Cuts the connection under the session, as a failing network would (for tests of reconnecting): the next
    /// send or receive fails as a lost connection.
    func cutConnection() {
        let socket = curl.activeSocket
        if socket >= 0 { _ = shutdown(socket, Int32(SHUT_RDWR)) }
    }

    /// Sends raw text (e.g. `DONE\r\n`).
    func send(raw text: String) throws(TransportError) {
        let code = curl.send(Array(text.utf8), timeoutMilliseconds: 10_000)
        guard code == 0 else { throw lost("sending failed (libcurl error \(code))") }
    }

    /// Reads until the tagged answer to `tag`; returns the untagged lines before it and the tagged line.
    func awaitCompletion(of tag: String, timeoutMilliseconds: Int32 = 15_000) throws(TransportError)
        -> (untagged: [String], tagged: IMAPResponse.Tagged)
    {
        var untagged: [String] = []
        while true {
            switch readLine(timeoutMilliseconds: timeoutMilliseconds) {
            case .line(let text):
                if let tagged = IMAPResponse.tagged(Substring(text)), tagged.tag == tag { return (untagged, tagged) }
                if text.uppercased().hasPrefix("* BYE") { throw lost("the server closed the session: \(text)") }
                untagged.append(text)
            case .timedOut:
                throw TransportError(
                    .timedOut, transient: true, message: "IMAP on \(server): no answer to \(tag) within the timeout.")
            case .closed(let error):
                throw error
            }
        }
    }

    /// The next complete line (without CRLF), waiting up to the timeout.
    func readLine(timeoutMilliseconds: Int32) -> Line {
        switch readLineBytes(timeoutMilliseconds: timeoutMilliseconds) {
        case .success(let bytes): return .line(String(decoding: bytes, as: UTF8.self))
        case .failure(let error) where error.kind == .timedOut: return .timedOut
        case .failure(let error): return .closed(error)
        }
    }

    /// One response that may carry literals (`{n}` at the end of a line, then exactly n bytes, RFC 9051 4.3):
    /// the text around the literals, and the literals in order. A literal longer than `literalLimit` is read
    /// and dropped (nil in its place), so the stream stays in step.
    func readResponse(timeoutMilliseconds: Int32, literalLimit: Int) throws(TransportError)
        -> (text: [String], literals: [[UInt8]?])
    {
        var text: [String] = []
        var literals: [[UInt8]?] = []
        while true {
            let line: [UInt8]
            switch readLineBytes(timeoutMilliseconds: timeoutMilliseconds) {
            case .success(let bytes): line = bytes
            case .failure(let error): throw error
            }
            text.append(String(decoding: line, as: UTF8.self))
            guard let count = Self.literalLength(line) else { return (text, literals) }
            literals.append(try readLiteral(count, limit: literalLimit, timeoutMilliseconds: timeoutMilliseconds))
        }
    }

    /// `n` when the line ends with `{n}` (or the non-synchronizing `{n+}`).
    static func literalLength(_ line: [UInt8]) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        var digits = line[(open + 1)..<(line.count - 1)]
        if digits.last == UInt8(ascii: "+") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    private func readLiteral(_ count: Int, limit: Int, timeoutMilliseconds: Int32) throws(TransportError) -> [UInt8]? {
        var literal: [UInt8]? = count <= limit ? [] : nil
        literal?.reserveCapacity(count)
        var remaining = count
        while remaining > 0 {
            if start == buffer.count {
                try fill(timeoutMilliseconds: timeoutMilliseconds)
                continue
            }
            let take = min(remaining, buffer.count - start)
            literal?.append(contentsOf: buffer[start..<(start + take)])
            start += take
            remaining -= take
        }
        return literal
    }

    private func readLineBytes(timeoutMilliseconds: Int32) -> Result<[UInt8], TransportError> {
        var searched = start
        while true {
            if let end = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[start..<end])
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                start = end + 1
                return .success(line)
            }
            // Scanned up to here: counted from `start`, which filling may move (it drops consumed bytes).
            let scanned = buffer.count - start
            do {
                try fill(timeoutMilliseconds: timeoutMilliseconds)
            } catch {
                return .failure(error)
            }
            searched = start + scanned
        }
    }

    /// Receives more bytes (dropping the consumed ones first when they are most of the buffer).
    private func fill(timeoutMilliseconds: Int32) throws(TransportError) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(..<start)
            start = 0
        }
        switch curl.receive(timeoutMilliseconds: timeoutMilliseconds) {
        case .bytes(let bytes): buffer += bytes
        case .timedOut:
            throw TransportError(
                .timedOut, transient: true, message: "IMAP on \(server): no answer within the timeout.")
        case .closed: throw lost("the server closed the connection")
        case .failed(let code): throw lost("receiving failed (libcurl error \(code))")
        }
    }

    private func lost(_ detail: String) -> TransportError {
        TransportError(.connectionLost, transient: true, message: "IMAP connection to \(server): \(detail).")
    }
}
