import Foundation

/// Lists of strings as the store keeps them in a text column: a JSON array, byte for byte what `JSONEncoder`
/// writes (`["a","b"]`, `/` written as `\/`). Recipients, references and participants are nearly always plain
/// ASCII, which is written and read here directly; anything else goes through `JSONEncoder` and `JSONDecoder`,
/// which took 1% of the gateway's CPU for these small lists.
enum StoredList {
    /// The JSON text of `strings`.
    static func text(_ strings: [String]) -> String {
        guard strings.allSatisfy({ $0.utf8.allSatisfy(isPlain) }) else {
            return (try? JSONEncoder().encode(strings)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        }
        return "[" + strings.map { "\"" + $0 + "\"" }.joined(separator: ",") + "]"
    }

    /// The strings of a JSON array of strings, or nil when `text` is not one.
    static func strings(_ text: String) -> [String]? {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]"), bytes.count >= 2 else {
            return decoded(text)
        }
        if bytes.count == 2 { return [] }
        var strings: [String] = []
        var index = 1
        while true {
            // `"`, plain bytes (or any byte of a multi-byte character), `"`, then `,` or the final `]`.
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return decoded(text) }
            let start = index + 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                guard bytes[end] >= 0x80 || isPlain(bytes[end]) else { return decoded(text) }
                end += 1
            }
            guard end + 1 < bytes.count else { return decoded(text) }
            strings.append(String(decoding: bytes[start..<end], as: UTF8.self))
            switch bytes[end + 1] {
            case UInt8(ascii: ",") where end + 2 < bytes.count - 1: index = end + 2
            case UInt8(ascii: "]") where end + 2 == bytes.count: return strings
            default: return decoded(text)
            }
        }
    }

    /// Printable ASCII that JSON writes as it is: not `"`, `\` or `/` (which `JSONEncoder` escapes).
    private static func isPlain(_ byte: UInt8) -> Bool {
        (0x20...0x7E).contains(byte) && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
            && byte != UInt8(ascii: "/")
    }

    private static func decoded(_ text: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
