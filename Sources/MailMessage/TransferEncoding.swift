/// Content-Transfer-Encoding decoders (RFC 2045), lenient: junk is skipped and reported, never fatal.
public enum TransferEncoding {
    /// The result of decoding: bytes, and whether the input had junk that was skipped.
    public struct Decoded: Hashable, Sendable {
        /// The decoded bytes.
        public var bytes: [UInt8]
        /// Whether invalid input was skipped or repaired.
        public var hadErrors: Bool
    }

    /// Decodes `bytes` with the named transfer encoding; unknown names are returned unchanged (nil).
    public static func decode(_ bytes: ArraySlice<UInt8>, encoding: String) -> Decoded? {
        switch encoding {
        case "7bit", "8bit", "binary", "": return Decoded(bytes: Array(bytes), hadErrors: false)
        case "base64": return base64(bytes)
        case "quoted-printable": return quotedPrintable(bytes)
        case "x-uuencode", "uuencode", "x-uue", "uue": return uudecode(bytes)
        default: return nil
        }
    }

    private static let base64Table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, char) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(char)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62  // base64url, seen in the wild
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Base64: white space ignored, other junk skipped (and reported), missing padding tolerated.
    public static func base64<C: Collection<UInt8>>(_ input: C) -> Decoded {
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var count = 0
        var junk = false
        var sawPadding = false
        for byte in input {
            let value = base64Table[Int(byte)]
            if value == 0xFF {
                switch byte {
                case 0x0D, 0x0A, 0x20, 0x09: continue
                case UInt8(ascii: "="): sawPadding = true
                default: junk = true
                }
                continue
            }
            if sawPadding {
                // Data after padding: a new base64 run (concatenated chunks); finish the padded quantum first.
                flushPartial(accumulator, count, &out, &junk)
                count = 0
                accumulator = 0
                sawPadding = false
            }
            accumulator = accumulator << 6 | UInt32(value)
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        flushPartial(accumulator, count, &out, &junk)
        return Decoded(bytes: out, hadErrors: junk)
    }

    /// Emits the bytes of an incomplete final quantum (2 or 3 characters); a lone character is junk.
    private static func flushPartial(_ accumulator: UInt32, _ count: Int, _ out: inout [UInt8], _ junk: inout Bool) {
        switch count {
        case 2: out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        case 1: junk = true
        default: break
        }
    }

    /// Quoted-printable (RFC 2045 6.7): soft breaks removed, invalid escapes kept literally, trailing
    /// white space before a line break dropped. `underscoreIsSpace` selects the RFC 2047 "Q" variant.
    public static func quotedPrintable<C: Collection<UInt8>>(_ input: C, underscoreIsSpace: Bool = false) -> Decoded
    where C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var errors = false
        var index = input.startIndex
        let end = input.endIndex
        var pendingSpace = 0  // count of trailing blanks not yet known to be before a line break
        var spaceStart = out.count
        while index < end {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "="):
                if let high = hexValue(input, index + 1, end), let low = hexValue(input, index + 2, end) {
                    out.append(high << 4 | low)
                    index += 3
                    pendingSpace = 0
                    continue
                }
                // Soft line break: "=" then optional blanks then CRLF / LF / end.
                var probe = index + 1
                while probe < end, input[probe] == 0x20 || input[probe] == 0x09 { probe += 1 }
                if probe == end {
                    index = probe
                    continue
                }
                if input[probe] == 0x0A || input[probe] == 0x0D {
                    if input[probe] == 0x0D, probe + 1 < end, input[probe + 1] == 0x0A { probe += 1 }
                    index = probe + 1
                    pendingSpace = 0
                    continue
                }
                errors = true
                out.append(byte)
                index += 1
                pendingSpace = 0
            case 0x0D, 0x0A:
                if pendingSpace > 0 { out.removeLast(out.count - spaceStart) }
                pendingSpace = 0
                out.append(byte)
                index += 1
            case 0x20, 0x09:
                if pendingSpace == 0 { spaceStart = out.count }
                pendingSpace += 1
                out.append(byte)
                index += 1
            case UInt8(ascii: "_") where underscoreIsSpace:
                out.append(0x20)
                index += 1
                pendingSpace = 0
            default:
                out.append(byte)
                index += 1
                pendingSpace = 0
            }
        }
        return Decoded(bytes: out, hadErrors: errors)
    }

    private static func hexValue<C: Collection<UInt8>>(_ input: C, _ index: Int, _ end: Int) -> UInt8?
    where C.Index == Int {
        guard index < end else { return nil }
        switch input[index] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return input[index] - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return input[index] - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return input[index] - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// uuencode (`begin 644 name` ... `end`); lines outside the block are ignored.
    public static func uudecode<C: Collection<UInt8>>(_ input: C) -> Decoded {
        var out: [UInt8] = []
        var inBlock = false
        var errors = false
        for line in Array(input).split(separator: 0x0A, omittingEmptySubsequences: false) {
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            if !inBlock {
                if line.starts(with: Array("begin ".utf8)) { inBlock = true }
                continue
            }
            if line.elementsEqual("end".utf8) { break }
            guard let first = line.first else { continue }
            let length = Int((first &- 0x20) & 0x3F)
            if length == 0 { continue }
            var group: [UInt8] = []
            var produced = 0
            for char in line.dropFirst() {
                group.append((char &- 0x20) & 0x3F)
                if group.count == 4 {
                    let bytes = [
                        group[0] << 2 | group[1] >> 4, group[1] << 4 | group[2] >> 2, group[2] << 6 | group[3],
                    ]
                    for byte in bytes where produced < length {
                        out.append(byte)
                        produced += 1
                    }
                    group.removeAll(keepingCapacity: true)
                }
            }
            if produced < length { errors = true }
        }
        return Decoded(bytes: out, hadErrors: errors || !inBlock)
    }
}
