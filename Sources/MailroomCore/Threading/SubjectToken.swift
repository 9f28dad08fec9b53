import Foundation

/// The ticket reference in a subject line, `[#MR-7K4QX2]`. It is not signed, so the thread resolver accepts
/// it only when the sender is the ticket's customer and DMARC did not fail.
public enum SubjectToken {
    /// The token for ticket `publicID`: `[#MR-7K4QX2]`.
    /// - Throws: ``InvalidInputError/publicID``.
    public static func format(_ publicID: String) throws(InvalidInputError) -> String {
        guard let id = PublicID.canonical(publicID) else { throw .publicID }
        return "[#\(id)]"
    }

    /// `subject` with the token for `publicID` appended after a space, unless it already carries it.
    /// - Throws: ``InvalidInputError/publicID``.
    public static func subject(_ subject: String, publicID: String) throws(InvalidInputError) -> String {
        let token = try format(publicID)
        if let id = PublicID.canonical(publicID), publicIDs(in: subject).contains(id) { return subject }
        let trimmed = subject.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? token : trimmed + " " + token
    }

    /// Every public id written as `[#ID]` in `subject` (canonical upper case, in order, without duplicates).
    /// Blanks inside the brackets are tolerated: `[# MR-7K4QX2 ]`.
    /// The markers are found on the subject's bytes (Foundation's `range(of:)` bridged the whole subject for each
    /// search).
    public static func publicIDs(in subject: String) -> [String] {
        var found: [String] = []
        let bytes = subject.utf8
        var from = bytes.startIndex
        while let hash = bytes[from...].firstIndex(of: UInt8(ascii: "#")) {
            from = bytes.index(after: hash)
            guard hash > bytes.startIndex, bytes[bytes.index(before: hash)] == UInt8(ascii: "[") else { continue }
            guard let close = bytes[from...].firstIndex(of: UInt8(ascii: "]")) else { break }
            let inner = subject[from..<close].trimmingCharacters(in: .whitespaces)
            if let id = PublicID.canonical(inner), !found.contains(id) { found.append(id) }
        }
        return found
    }
}
