import Foundation

/// An IMAP session logged in by libcurl (`CURLOPT_CONNECT_ONLY` runs greeting, CAPABILITY, STARTTLS and login),
/// then spoken raw over `curl_easy_send`/`curl_easy_recv`: the commands libcurl's IMAP layer cannot run (IDLE).
///
/// Owned by one actor; every call blocks its thread for at most the given timeout.
final class RawIMAPSession {
    enum Line: Equatable {
        case line(String)
        case timedOut
        case closed(TransportError)
    }

    private let curl: CurlEasy
    private var buffer: [UInt8] = []
    private var tagNumber = 0
    private let server: String

    /// Connects and logs in; throws the mapped error when libcurl cannot.
    init(configuration: IMAPConfiguration, server: String) throws(TransportError) {
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
                    operation: "IDLE login", mailbox: nil))
        }
    }

    /// Sends a tagged command; returns its tag.
    func send(command: String) throws(TransportError) -> String {
        tagNumber += 1
        let tag = "m\(tagNumber)"
        try send(raw: "\(tag) \(command)\r\n")
        return tag
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
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .newlines)
                buffer.removeSubrange(...end)
                return .line(line)
            }
            switch curl.receive(timeoutMilliseconds: timeoutMilliseconds) {
            case .bytes(let bytes): buffer += bytes
            case .timedOut: return .timedOut
            case .closed: return .closed(lost("the server closed the connection"))
            case .failed(let code): return .closed(lost("receiving failed (libcurl error \(code))"))
            }
        }
    }

    private func lost(_ detail: String) -> TransportError {
        TransportError(.connectionLost, transient: true, message: "IMAP IDLE connection to \(server): \(detail).")
    }
}
