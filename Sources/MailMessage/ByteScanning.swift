#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line of a byte buffer: where its content ends (before CR LF / LF) and where the next line starts.
struct Line {
    var start: Int
    var contentEnd: Int
    var next: Int

    var isEmpty: Bool { contentEnd == start }
}

extension Array where Element == UInt8 {
    /// The index of the next LF at or after `from` and before `end`, or nil (memchr).
    func indexOfLineFeed(from: Int, end: Int) -> Int? {
        guard from < end else { return nil }
        return withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            guard let found = memchr(base + from, 0x0A, end - from) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The line starting at `start` (which must be before `end`).
    func line(at start: Int, end: Int) -> Line {
        guard let lf = indexOfLineFeed(from: start, end: end) else {
            var contentEnd = end
            if contentEnd > start, self[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            return Line(start: start, contentEnd: contentEnd, next: end)
        }
        let contentEnd = lf > start && self[lf - 1] == 0x0D ? lf - 1 : lf
        return Line(start: start, contentEnd: contentEnd, next: lf + 1)
    }

    /// Whether the bytes at `index` start with `prefix`.
    func hasPrefix(_ prefix: [UInt8], at index: Int, end: Int) -> Bool {
        guard index + prefix.count <= end else { return false }
        for offset in 0..<prefix.count where self[index + offset] != prefix[offset] {
            return false
        }
        return true
    }
}

extension UInt8 {
    var isBlank: Bool { self == 0x20 || self == 0x09 }
    var isASCIIWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0D || self == 0x0A }
    var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
}

/// Line-ending repair for messages whose lines end in bare CR (old Mac mail): CR and CR LF become LF.
enum LineEndings {
    /// Whether the buffer uses bare CR line endings (CRs present, no LF at all in the first 64 KiB).
    static func usesBareCR(_ bytes: [UInt8]) -> Bool {
        let window = Swift.min(bytes.count, 1 << 16)
        var sawCR = false
        for index in 0..<window {
            if bytes[index] == 0x0A { return false }
            if bytes[index] == 0x0D { sawCR = true }
        }
        return sawCR
    }

    /// The buffer with every CR LF and bare CR turned into LF.
    static func normalizeToLF(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                out.append(0x0A)
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }
}
