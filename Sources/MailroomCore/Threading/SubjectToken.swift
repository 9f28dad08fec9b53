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
    public static func publicIDs(in subject: String) -> [String] {
        var found: [String] = []
        var rest = Substring(subject)
        while let open = rest.range(of: "[#") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: "]") else { break }
            let inner = rest[..<close].trimmingCharacters(in: .whitespaces)
            if let id = PublicID.canonical(inner), !found.contains(id) { found.append(id) }
        }
        return found
    }
}
