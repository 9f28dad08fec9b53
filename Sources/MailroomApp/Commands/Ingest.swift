import Foundation
import MailTransport
import MailroomStore

/// Where `mailroom ingest` stores the message it reads.
public enum IngestDestination: Sendable, Equatable {
    /// A Maildir (created if missing): the message lands in its `new/` folder.
    case maildir(path: String)
    /// The gateway's store (`store.path` or `store.url`): raw bytes committed as a `received` message, with the
    /// envelope recipient when the MTA passes it (plus-address threading).
    case store(StoreSettings, envelopeRecipient: String?)
}

/// What `mailroom ingest` does.
public struct IngestOptions: Sendable, Equatable {
    /// Where the message goes.
    public var destination: IngestDestination
    /// The largest message accepted, in bytes.
    public var maxMessageSize: Int

    /// Creates options; the default limit is 50 MiB.
    public init(destination: IngestDestination, maxMessageSize: Int = 50 * 1024 * 1024) {
        self.destination = destination
        self.maxMessageSize = maxMessageSize
    }
}

/// The result of one ingest, and the exit status an MTA understands (sysexits.h).
public enum IngestOutcome: Sendable, Equatable {
    /// Stored durably (the location says where); exit 0.
    case stored(location: String)
    /// Nothing on standard input; exit 65 (EX_DATAERR): the MTA bounces, retrying cannot help.
    case emptyInput
    /// Larger than the limit; exit 65 (EX_DATAERR): the MTA bounces it to the sender with our message.
    case tooLarge(limit: Int)
    /// Anything else failed (unreadable input, unwritable or full disk); exit 75 (EX_TEMPFAIL): the MTA keeps
    /// the message and retries later, so nothing is lost.
    case failed(TransportError)
    /// The database could not take it (locked, full, unreadable); exit 75 (EX_TEMPFAIL).
    case storeFailed(String)

    /// The process exit status.
    public var exitCode: Int32 {
        switch self {
        case .stored: 0
        case .emptyInput, .tooLarge: 65
        case .failed, .storeFailed: 75
        }
    }

    /// The line for standard error (nil on success).
    public var diagnostic: String? {
        switch self {
        case .stored: nil
        case .emptyInput: "mailroom ingest: no message on standard input (exit 65, EX_DATAERR)"
        case .tooLarge(let limit):
            "mailroom ingest: message larger than the \(limit)-byte limit, refused (exit 65, EX_DATAERR)"
        case .failed(let error): "mailroom ingest: \(error.message) (exit 75, EX_TEMPFAIL: the MTA will retry)"
        case .storeFailed(let reason): "mailroom ingest: \(reason) (exit 75, EX_TEMPFAIL: the MTA will retry)"
        }
    }
}

/// `mailroom ingest`: reads one message (an MTA's pipe delivery, like RT's mailgate) from `input` and stores it
/// durably before returning `.stored`; every failure maps to an exit status the MTA acts on.
///
/// Reading and storing are separate steps so other destinations (the gateway's database) slot in beside
/// `.maildir` without touching the reading or the exit-status rules.
public func ingest(_ options: IngestOptions, input: Int32 = 0) -> IngestOutcome {
    switch MessageReader.read(fileDescriptor: input, limit: options.maxMessageSize) {
    case .empty: return .emptyInput
    case .tooLarge(let limit): return .tooLarge(limit: limit)
    case .failed(let error): return .failed(error)
    case .message(let message):
        if case .store(let settings, let recipient) = options.destination {
            return store(message, in: settings, envelopeRecipient: recipient)
        }
        do {
            return .stored(location: try store(message, in: options.destination))
        } catch {
            return .failed(error)
        }
    }
}

private func store(_ message: [UInt8], in settings: StoreSettings, envelopeRecipient: String?) -> IngestOutcome {
    do {
        let store = try settings.open()
        let request = IngestRequest(
            raw: message, source: "ingest", envelopeRecipient: envelopeRecipient, receivedAt: Date())
        switch try store.ingest(request) {
        case .stored(let row): return .stored(location: "\(settings.description) message \(row)")
        case .duplicate(let row, _): return .stored(location: "\(settings.description) message \(row) (already stored)")
        }
    } catch {
        return .storeFailed("cannot store in \(settings.description): \(error)")
    }
}

private func store(_ message: [UInt8], in destination: IngestDestination) throws(TransportError) -> String {
    switch destination {
    case .maildir(let path):
        let name = try MaildirSink(directory: path).deliver(message)
        return "\(path)/new/\(name)"
    case .store(let settings, _):
        return settings.description
    }
}
