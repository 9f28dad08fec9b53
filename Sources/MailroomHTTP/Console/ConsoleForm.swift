import Foundation
import Hummingbird

/// The fields of a posted form (`application/x-www-form-urlencoded`), read with the request's size limit. A field
/// sent twice keeps its first value; names and values are percent-decoded, `+` is a space.
struct ConsoleForm: Sendable {
    private(set) var fields: [String: String] = [:]

    /// Parses `body`.
    init(_ body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? (Self.decode(parts[1]) ?? "") : ""
        }
    }

    /// Reads and parses the body of `request`.
    static func read(_ request: Request, _ context: MailroomRequestContext) async throws -> ConsoleForm {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw ConsoleRefusal.badForm("the form must be sent as application/x-www-form-urlencoded")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw ConsoleRefusal.badForm("the form is larger than \(context.maxUploadSize / 1024) KiB")
        }
        return ConsoleForm(String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    /// A field's value, nil when absent.
    subscript(_ name: String) -> String? { fields[name] }

    /// A field's value with surrounding white space removed; nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// A field's value with line endings made `\n` (browsers send `\r\n` from a textarea).
    func multiline(_ name: String) -> String? {
        fields[name].map { $0.replacingOccurrences(of: "\r\n", with: "\n") }
    }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
