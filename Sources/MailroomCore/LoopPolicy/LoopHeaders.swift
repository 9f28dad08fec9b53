import Foundation
import MailMessage

/// The header fields every automatic mail carries so that other systems do not answer it, and the
/// recognition of our own mail when it comes back.
///
/// - `Auto-Submitted: auto-replied` for answers to a message, `auto-generated` for notifications (RFC 3834).
/// - `X-Auto-Response-Suppress: All`, which stops Exchange and Outlook from sending out-of-office replies,
///   read receipts and delivery receipts.
/// - `X-Mailroom-Loop: {instance id}`: our own loop field; mail that carries it with our instance id is ours.
///
/// `Precedence` is left out on purpose: RFC 3834 (section 3.1.8) discourages it, as it was never
/// standardised and software reads its values differently (`bulk` and `list` can even lower delivery).
public struct LoopHeaders: Sendable {
    /// What an automatic mail is: the answer to an incoming message, or a notification of our own.
    public enum Kind: Hashable, Sendable {
        /// An automatic answer to a message (`Auto-Submitted: auto-replied`).
        case reply
        /// A notification not caused by the message it is about (`Auto-Submitted: auto-generated`).
        case notification
    }

    /// One header field to add to an outgoing message.
    public struct Field: Hashable, Sendable {
        /// The field name.
        public var name: String
        /// The field value.
        public var value: String
    }

    /// The name of our loop field.
    public static let loopFieldName = "X-Mailroom-Loop"
    /// The longest instance id accepted.
    public static let maximumInstanceIDLength = 64

    /// This installation's id, written in the loop field.
    public let instanceID: String

    /// Creates the headers for the installation `instanceID` (ASCII letters, digits, `.`, `_`, `-`).
    /// - Throws: ``InvalidInputError/instanceID`` for anything else, so the value can never break a header.
    public init(instanceID: String) throws(InvalidInputError) {
        let allowed = Array("._-".utf8)
        guard !instanceID.isEmpty, instanceID.utf8.count <= Self.maximumInstanceIDLength,
            instanceID.utf8.allSatisfy({ MessageIDScheme.isASCIIAlphanumeric($0) || allowed.contains($0) })
        else { throw .instanceID }
        self.instanceID = instanceID
    }

    /// The fields to add to an automatic mail of `kind`, in order.
    public func fields(for kind: Kind) -> [Field] {
        [
            Field(name: "Auto-Submitted", value: kind == .reply ? "auto-replied" : "auto-generated"),
            Field(name: "X-Auto-Response-Suppress", value: "All"),
            Field(name: Self.loopFieldName, value: instanceID),
        ]
    }

    /// Whether `message` carries our loop field with our instance id (ignoring case and blanks).
    public func carriesLoopField(_ message: Message) -> Bool {
        message.header.values(Self.loopFieldName).contains {
            $0.trimmingCharacters(in: .whitespaces).lowercased() == instanceID.lowercased()
        }
    }

    /// Whether `message` is our own mail: it carries our loop field, or its Message-ID is one we signed.
    public func isOwnMail(_ message: Message, messageIDs: MessageIDScheme) -> Bool {
        if carriesLoopField(message) { return true }
        return message.messageID.map(messageIDs.isSigned) ?? false
    }
}
