/// IMAP's modified UTF-7 for mailbox names (RFC 3501 section 5.1.3): printable ASCII stands for itself, `&` is
/// written `&-`, and runs of other characters are UTF-16BE in base64 with `,` for `/`, between `&` and `-`.
public enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    /// Encodes a mailbox name for the wire (`"Café"` -> `"Caf&AOk-"`).
    public static func encode(_ name: String) -> String {
        var output: [UInt8] = []
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            output.append(UInt8(ascii: "&"))
            output += base64(pending)
            output.append(UInt8(ascii: "-"))
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if (0x20...0x7E).contains(scalar.value) {
                flush()
                output.append(UInt8(scalar.value))
                if scalar == "&" { output.append(UInt8(ascii: "-")) }
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes a mailbox name from the wire, or nil when it is not valid modified UTF-7.
    public static func decode(_ encoded: String) -> String? {
        var result = ""
        var bytes = Array(encoded.utf8)[...]
        while let first = bytes.first {
            bytes = bytes.dropFirst()
            guard first == UInt8(ascii: "&") else {
                guard (0x20...0x7E).contains(first) else { return nil }
                result.unicodeScalars.append(Unicode.Scalar(first))
                continue
            }
            guard let end = bytes.firstIndex(of: UInt8(ascii: "-")) else { return nil }
            let run = bytes[bytes.startIndex..<end]
            bytes = bytes[(end + 1)...]
            if run.isEmpty {
                result.append("&")
                continue
            }
            guard let units = unbase64(run), let text = String(utf16CodeUnits: units) else { return nil }
            result += text
        }
        return result
    }

    private static func base64(_ units: [UInt16]) -> [UInt8] {
        let bytes = units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = UInt32(0)
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * offset) }
            let characters = chunk.count + 1  // 1 byte -> 2 chars, 2 -> 3, 3 -> 4; no padding
            for position in 0..<characters { output.append(alphabet[Int((value >> (18 - 6 * position)) & 0x3F)]) }
            index += 3
        }
        return output
    }

    private static func unbase64(_ characters: ArraySlice<UInt8>) -> [UInt16]? {
        var bits = UInt32(0)
        var bitCount = 0
        var bytes: [UInt8] = []
        for character in characters {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            bits = (bits << 6) | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                bytes.append(UInt8((bits >> UInt32(bitCount)) & 0xFF))
            }
        }
        guard bytes.count % 2 == 0, !bytes.isEmpty else { return nil }
        return stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
    }
}

extension String {
    /// Decodes UTF-16 code units, or nil if they are not valid UTF-16 (a lone surrogate).
    fileprivate init?(utf16CodeUnits units: [UInt16]) {
        var text = ""
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): text.unicodeScalars.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = text
    }
}
