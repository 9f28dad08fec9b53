import CCurl
import Foundation

/// The mutable state of one transfer, handed to libcurl's C callbacks as userdata. It lives exactly as long as
/// `CurlEasy.perform`, on that one thread.
final class TransferState {
    var body: [UInt8] = []
    var transcript: [TranscriptLine] = []
    var infoLines: [String] = []
    var limitExceeded = false
    private let bodyLimit: Int?
    private let isSMTP: Bool
    private let upload: [UInt8]
    private var uploadOffset = 0
    private let hasUpload: Bool

    init(request: CurlRequest) {
        bodyLimit = request.bodyLimit
        isSMTP = request.url.lowercased().hasPrefix("smtp")
        upload = request.upload ?? []
        hasUpload = request.upload != nil
        if let expected = request.expectedBodySize { body.reserveCapacity(expected) }
    }

    /// Installs the callbacks, with `self` (unretained: it outlives the transfer) as their userdata.
    func install(on options: inout CurlOptionWriter) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        options.set(CURLOPT_WRITEFUNCTION, write: TransferState.writeCallback)
        options.set(CURLOPT_WRITEDATA, pointer: me)
        options.set(CURLOPT_VERBOSE, 1)  // needed for the debug callback, which builds the transcript
        options.set(debug: TransferState.debugCallback)
        options.set(CURLOPT_DEBUGDATA, pointer: me)
        if hasUpload {
            options.set(read: TransferState.readCallback)
            options.set(CURLOPT_READDATA, pointer: me)
            options.set(CURLOPT_UPLOAD, 1)
            options.set(CURLOPT_INFILESIZE_LARGE, offset: upload.count)
        }
    }

    private static let writeCallback: curl_write_callback = { pointer, size, count, userdata in
        let state = Unmanaged<TransferState>.fromOpaque(userdata!).takeUnretainedValue()
        let length = size * count
        if let limit = state.bodyLimit, state.body.count + length > limit {
            state.limitExceeded = true
            return 0  // aborts the transfer with CURLE_WRITE_ERROR
        }
        if length > 0, let pointer {
            pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
            }
        }
        return length
    }

    private static let readCallback: curl_read_callback = { buffer, size, count, userdata in
        let state = Unmanaged<TransferState>.fromOpaque(userdata!).takeUnretainedValue()
        let length = min(size * count, state.upload.count - state.uploadOffset)
        if length > 0, let buffer {
            state.upload.withUnsafeBytes { raw in
                _ = memcpy(buffer, raw.baseAddress! + state.uploadOffset, length)
            }
            state.uploadOffset += length
        }
        return length
    }

    private static let debugCallback: curl_debug_callback = { _, type, data, size, userdata in
        guard let userdata, let data else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(userdata).takeUnretainedValue()
        switch type {
        case CURLINFO_HEADER_IN, CURLINFO_HEADER_OUT, CURLINFO_TEXT:
            // Line breaks trimmed on the bytes: this runs for every line of every transfer.
            var bytes = UnsafeRawBufferPointer(start: data, count: min(size, 1024))
            while let last = bytes.last, last == 0x0A || last == 0x0D {
                bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast())
            }
            while let first = bytes.first, first == 0x0A || first == 0x0D {
                bytes = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
            }
            state.record(type, String(decoding: bytes, as: UTF8.self))
        default:
            break
        }
        return 0
    }

    private func record(_ type: curl_infotype, _ line: String) {
        switch type {
        case CURLINFO_TEXT:
            infoLines.append(TransferState.clipped(line, to: 300))
            if infoLines.count > 8 { infoLines.removeFirst(infoLines.count - 8) }
        case CURLINFO_HEADER_OUT:
            if let safe = isSMTP ? TransferState.safeSMTPCommand(line) : TransferState.safeIMAPCommand(line) {
                transcript.append(TranscriptLine(direction: .sent, text: safe))
            }
        default:
            if isSMTP || TransferState.isIMAPStatusLine(line) {
                transcript.append(TranscriptLine(direction: .received, text: TransferState.clipped(line, to: 512)))
            }
        }
    }

    /// `String(line.prefix(limit))`: the line itself when its bytes are within the limit (it has no more
    /// characters than bytes), which is nearly every line; the debug callback runs for each line of a transfer.
    static func clipped(_ line: String, to limit: Int) -> String {
        line.utf8.count <= limit ? line : String(line.prefix(limit))
    }

    /// IMAP: keep the tag and the verb only (LOGIN carries the password; AUTHENTICATE continuations are base64
    /// credentials and have no tag worth keeping).
    static func safeIMAPCommand(_ line: String) -> String? {
        let words = line.split(separator: " ", maxSplits: 2)
        guard words.count >= 2, IMAPResponse.isTag(words[0]) else { return nil }
        return "\(words[0]) \(words[1].uppercased())"
    }

    /// SMTP: envelope and session commands are kept whole; anything else (AUTH and its continuations) is not.
    static func safeSMTPCommand(_ line: String) -> String? {
        let upper = line.uppercased()
        let keep = ["MAIL FROM", "RCPT TO", "DATA", "EHLO", "HELO", "STARTTLS", "RSET", "QUIT"]
        if keep.contains(where: { upper.hasPrefix($0) }) { return clipped(line, to: 512) }
        return upper.hasPrefix("AUTH") ? "AUTH" : nil
    }

    /// IMAP lines worth keeping: tagged status responses, and untagged BYE/NO/BAD.
    static func isIMAPStatusLine(_ line: String) -> Bool {
        if line.hasPrefix("* ") {
            let upper = line.uppercased()
            return upper.hasPrefix("* BYE") || upper.hasPrefix("* NO") || upper.hasPrefix("* BAD")
        }
        guard let first = line.split(separator: " ", maxSplits: 1).first else { return false }
        return IMAPResponse.isTag(first)
    }
}
