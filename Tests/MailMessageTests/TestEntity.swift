@testable import MailMessage

/// A deliberately small MIME reader for checking what the builder writes, independent of the builder's
/// own code: header fields unfolded, multipart bodies split on their boundary, leaves transfer-decoded.
struct TestEntity {
    var fields: [(name: String, value: String)]
    var body: [UInt8]

    init(_ bytes: [UInt8]) {
        let separator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        var headerEnd = bytes.count
        var bodyStart = bytes.count
        if bytes.starts(with: [0x0D, 0x0A]) {
            headerEnd = 0
            bodyStart = 2
        } else if let index = TestEntity.find(separator, in: bytes, from: 0) {
            headerEnd = index + 2
            bodyStart = index + 4
        }
        fields = []
        var current: (name: String, value: String)?
        for line in TestEntity.lines(Array(bytes[0..<headerEnd])) where !line.isEmpty {
            let text = String(decoding: line, as: UTF8.self)
            if text.first == " " || text.first == "\t" {
                current?.value += text
            } else if let colon = text.firstIndex(of: ":") {
                if let current { fields.append(current) }
                current = (String(text[..<colon]), String(text[text.index(after: colon)...]))
            }
        }
        if let current { fields.append(current) }
        fields = fields.map { ($0.name, $0.value.trimmed([" ", "\t"])) }
        body = Array(bytes[bodyStart...])
    }

    /// The unfolded value of the first field named `name`.
    func field(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The value of a `key=value` or `key="value"` parameter of a field.
    func parameter(_ name: String, of fieldName: String) -> String? {
        guard let value = field(fieldName) else { return nil }
        for piece in value.split(separator: ";").dropFirst() {
            let trimmed = piece.trimmed([" ", "\t"])
            guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals].lowercased() == name else { continue }
            return String(trimmed[trimmed.index(after: equals)...]).trimmed(["\""])
        }
        return nil
    }

    var mimeType: String {
        (field("Content-Type") ?? "text/plain").split(separator: ";")[0].trimmed([" "]).lowercased()
    }

    /// The parts of a multipart body (empty otherwise).
    var parts: [TestEntity] {
        guard mimeType.hasPrefix("multipart/"), let boundary = parameter("boundary", of: "Content-Type") else {
            return []
        }
        let delimiter = Array("--\(boundary)".utf8)
        var result: [TestEntity] = []
        var partStart: Int?
        var offset = 0
        for line in TestEntity.lines(body) {
            let lineStart = offset
            offset += line.count + 2
            guard line.starts(with: delimiter) else { continue }
            if let start = partStart { result.append(TestEntity(Array(body[start..<max(start, lineStart - 2)]))) }
            if line.elementsEqual(delimiter + Array("--".utf8)) { break }
            partStart = offset
        }
        return result
    }

    /// The body, transfer-decoded.
    var decodedBody: [UInt8] {
        let encoding = (field("Content-Transfer-Encoding") ?? "7bit").lowercased()
        return TransferEncoding.decode(body[...], encoding: encoding)?.bytes ?? body
    }

    /// Every leaf, depth first.
    var leaves: [TestEntity] {
        let children = parts
        return children.isEmpty ? [self] : children.flatMap(\.leaves)
    }

    /// The lines of `bytes` split on CR LF (bare CR or LF stay inside lines).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0D, bytes[index + 1] == 0x0A {
                result.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = from
        while index <= haystack.count - needle.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
