import MailTransport

/// Why `mailroom run` stopped, for a person: a transport failure's full message (which server, what it answered,
/// what to check) instead of its short metric label.
public struct RunError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// The text for a person about any error: a transport error's message, else the error's own description.
    public static func detail(_ error: any Error) -> String {
        (error as? TransportError)?.message ?? "\(error)"
    }

    /// The message.
    public var description: String { message }
}
