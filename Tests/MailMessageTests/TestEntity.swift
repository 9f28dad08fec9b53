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

    /// The parameters of a field (`value; key=value; key="quoted; value"`), names lowercased, quotes removed.
    func parameters(of fieldName: String) -> [(name: String, value: String)] {
        guard let value = field(fieldName) else { return [] }
        var result: [(name: String, value: String)] = []
        var pieces: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in value {
            if escaped {
                current.append(character)
                escaped = false
            } else if inQuotes && character == "\\" {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == ";" && !inQuotes {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmed([" ", "\t"]).lowercased()
            result.append((name, String(piece[piece.index(after: equals)...]).trimmed([" ", "\t"])))
        }
        return result
    }

    /// The value of a parameter of a field.
    func parameter(_ name: String, of fieldName: String) -> String? {
        parameters(of: fieldName).first { $0.name == name }?.value
    }

    /// The file name: `filename`, or RFC 2231 `filename*` / `filename*0*`... joined and percent-decoded.
    var filename: String? {
        let parameters = parameters(of: "Content-Disposition")
        if let plain = parameters.first(where: { $0.name == "filename" }) { return plain.value }
        var encoded = ""
        if let single = parameters.first(where: { $0.name == "filename*" }) {
            encoded = single.value
        } else {
            var index = 0
            while let segment = parameters.first(where: { $0.name == "filename*\(index)*" }) {
                encoded += segment.value
                index += 1
            }
        }
        guard encoded.lowercased().hasPrefix("utf-8''") else { return nil }
        var bytes: [UInt8] = []
        var utf8 = Array(encoded.utf8.dropFirst(7))[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
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
