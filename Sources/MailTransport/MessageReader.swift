import Foundation

/// What reading one message from a stream (an MTA's pipe on standard input) gave.
public enum MessageReadOutcome: Sendable, Equatable {
    /// The whole message, up to end of input.
    case message([UInt8])
    /// The input was empty.
    case empty
    /// The input was longer than the limit (it was read to the end and discarded, so the writer is not cut off).
    case tooLarge(limit: Int)
    /// Reading failed.
    case failed(TransportError)
}

/// Reads one whole message from a file descriptor.
public enum MessageReader {
    /// Reads `fileDescriptor` to end of input, keeping at most `limit` bytes.
    public static func read(fileDescriptor: Int32, limit: Int) -> MessageReadOutcome {
        var message: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var total = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(fileDescriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                let code = errno
                return .failed(
                    TransportError(
                        .storageFailed, transient: true,
                        message: "reading the message failed after \(total) bytes: \(String(cString: strerror(code))) "
                            + "(errno \(code))."))
            }
            if count == 0 { break }
            total += count
            if total <= limit { message += buffer[0..<count] }
        }
        if total == 0 { return .empty }
        return total > limit ? .tooLarge(limit: limit) : .message(message)
    }
}
