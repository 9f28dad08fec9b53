extension ReplyText {
    /// One line of the reply and what the scanner asks of it, worked out in one pass over its bytes so every
    /// later look is cheap.
    ///
    /// `key` is the normalised start of the line (at most ``keyLength`` characters, see ``Key``). Checks that
    /// need the whole line only apply to short lines, so a huge line costs no more than a short one.
    struct Line {
        /// Characters of a line that are normalised; longer lines are marked ``isLong``.
        static let keyLength = 400

        /// Where the line's bytes are in the text (without its line break).
        var range: Range<Int>
        var key = Key(bytes: [])
        /// Characters read into the key (the whole line's when it is not long).
        var length = 0
        var isLong = false
        var isQuoted = false
        /// Whether the key has an `@`.
        var hasAt = false
        /// Whether a colon is among the first 25 bytes of the key (a header field name is no longer).
        var hasColon = false
        /// Exactly `-- ` (the signature delimiter, also with a no-break space).
        var isDashDashSpace = false
        /// The field name when the line looks like "From: ..." in a quoted header block.
        var field: HeaderKey?
        /// Whether it starts like an attribution (see ``ReplyText/opensAttribution(_:)``).
        var opens = false
        /// Nothing but text: no marker of any kind can start here (the scanner's fast path).
        var isPlain = false

        var isBlank: Bool { key.isEmpty && !isLong }

        /// The line `range` of `text`.
        init(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            self.range = range
            var index = range.lowerBound
            let scanEnd = Swift.min(range.upperBound, range.lowerBound + Self.keyLength)
            while index < scanEnd, text[index] == 0x20 || text[index] == 0x09 { index += 1 }
            isQuoted = index < scanEnd && text[index] == 0x3E
            readKey(text, range)
            if range.count == 3 || range.count == 4 || range.count == 5, key.bytes == [0x2D, 0x2D] {
                let tail = Array(text[(range.lowerBound + 2)..<range.upperBound])
                isDashDashSpace = tail == [0x20] || tail == [0x20, 0xC2, 0xA0]
            }
            field = isLong || !(hasColon || key.first == 0x6D) ? nil : ReplyText.headerKey(key)
            opens = !isLong && ReplyText.opensAttribution(key)
            isPlain = !isQuoted && !isLong && !opens && field == nil && !hasAt && !ReplyText.mayMark(key)
        }

        /// A line given on its own (trailing lines of the result are looked at again).
        init(_ raw: String) {
            var raw = raw
            self = raw.withUTF8 { Line($0, 0..<$0.count) }
        }

        /// Normalises the bytes into ``key`` (see ``Key``): lowercased, white space single and trimmed, `*` and
        /// direction marks dropped, full-width colons as `:`.
        mutating func readKey(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Swift.min(range.count, 128))
            var pendingSpace = false
            var sawAt = false
            var count = 0
            var index = range.lowerBound
            let end = range.upperBound
            while index < end && count < Self.keyLength {
                count += 1
                let byte = text[index]
                if byte < 0x80 {
                    index += 1
                    if byte == 0x20 || byte == 0x09 {
                        pendingSpace = !bytes.isEmpty
                        continue
                    }
                    if byte == 0x2A { continue }
                    if pendingSpace { bytes.append(0x20) }
                    pendingSpace = false
                    if byte == 0x40 { sawAt = true }
                    if byte == 0x3A && bytes.count < 25 { hasColon = true }
                    bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    continue
                }
                if byte >= 0xC2 && byte < 0xE0 && index + 1 < end {
                    // Two-byte scalars (Latin-1, Greek, Cyrillic, Hebrew, Arabic) inline: this is the hot loop.
                    let value = UInt32(byte & 0x1F) << 6 | UInt32(text[index + 1] & 0x3F)
                    index += 2
                    if value == 0xA0 {
                        pendingSpace = !bytes.isEmpty
                        continue
                    }
                    if pendingSpace { bytes.append(0x20) }
                    pendingSpace = false
                    ReplyText.appendLowercased(twoByte: value, to: &bytes)
                    continue
                }
                let (value, size) = ReplyText.decodeScalar(text, at: index, end: end)
                if ReplyText.isSpace(value) {
                    pendingSpace = !bytes.isEmpty
                } else if !ReplyText.isInvisibleMark(value) {
                    if pendingSpace { bytes.append(0x20) }
                    pendingSpace = false
                    if value == 0xFF1A && bytes.count < 25 { hasColon = true }
                    ReplyText.appendLowercased(value, from: text, index..<(index + size), to: &bytes)
                }
                index += size
            }
            key = Key(bytes: bytes)
            length = count
            isLong = index < end
            hasAt = sawAt
        }
    }

    /// The text's bytes and its lines (split at CR LF, LF or CR).
    static func scanLines(_ text: String) -> (bytes: [UInt8], lines: [Line]) {
        let bytes = Array(text.utf8)
        let lines = bytes.withUnsafeBufferPointer { buffer -> [Line] in
            var lines: [Line] = []
            var start = 0
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                guard byte == 0x0A || byte == 0x0D else {
                    index += 1
                    continue
                }
                lines.append(Line(buffer, start..<index))
                index += 1
                if byte == 0x0D, index < buffer.count, buffer[index] == 0x0A { index += 1 }
                start = index
            }
            lines.append(Line(buffer, start..<index))
            return lines
        }
        return (bytes, lines)
    }

    /// The scalar whose UTF-8 starts at `index` and its size (the text is valid UTF-8: it came from a String).
    static func decodeScalar(_ text: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (UInt32, Int) {
        let lead = text[index]
        let size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard size > 1, index + size <= end else { return (0xFFFD, 1) }
        var value = UInt32(lead) & (size == 2 ? 0x1F : size == 3 ? 0x0F : 0x07)
        for offset in 1..<size { value = value << 6 | UInt32(text[index + offset] & 0x3F) }
        return (value, size)
    }

    /// Appends the scalar lowercased: Latin-1, Greek and Cyrillic capitals by arithmetic, scripts without case
    /// copied, the rest through its Unicode properties.
    static func appendLowercased(
        _ value: UInt32, from text: UnsafeBufferPointer<UInt8>, _ source: Range<Int>, to bytes: inout [UInt8]
    ) {
        if value == 0xFF1A {
            bytes.append(0x3A)
            return
        }
        var lower = value
        if (value >= 0xC0 && value <= 0xDE && value != 0xD7) || (value >= 0x391 && value <= 0x3A9 && value != 0x3A2)
            || (value >= 0x410 && value <= 0x42F)
        {
            lower = value + 0x20
        } else if value >= 0x400 && value <= 0x40F {
            lower = value + 0x50
        } else if !hasNoCase(value), let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased {
            bytes += Array(scalar.properties.lowercaseMapping.utf8)
            return
        }
        if lower == value {
            for index in source { bytes.append(text[index]) }
        } else {
            bytes.append(UInt8(0xC0 | (lower >> 6)))
            bytes.append(UInt8(0x80 | (lower & 0x3F)))
        }
    }

    /// Appends a scalar of two UTF-8 bytes lowercased.
    static func appendLowercased(twoByte value: UInt32, to bytes: inout [UInt8]) {
        var lower = value
        if (value >= 0xC0 && value <= 0xDE && value != 0xD7) || (value >= 0x391 && value <= 0x3A9 && value != 0x3A2)
            || (value >= 0x410 && value <= 0x42F)
        {
            lower = value + 0x20
        } else if value >= 0x400 && value <= 0x40F {
            lower = value + 0x50
        } else if !hasNoCase(value), let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased {
            bytes += Array(scalar.properties.lowercaseMapping.utf8)
            return
        }
        bytes.append(UInt8(0xC0 | (lower >> 6)))
        bytes.append(UInt8(0x80 | (lower & 0x3F)))
    }

    /// Ranges that are lowercase already or have no case: Latin-1 and Cyrillic small letters, Greek small
    /// letters, Hebrew, Arabic, Thai, punctuation and symbols, CJK, Hangul.
    static func hasNoCase(_ value: UInt32) -> Bool {
        (value >= 0x80 && value <= 0xBF) || (value >= 0xDF && value <= 0xFF) || (value >= 0x2B0 && value <= 0x36F)
            || (value >= 0x3AC && value <= 0x3CE) || (value >= 0x430 && value <= 0x45F)
            || (value >= 0x590 && value <= 0x6FF) || (value >= 0xE00 && value <= 0xE7F)
            || (value >= 0x2000 && value <= 0x2BFF) || (value >= 0x3000 && value <= 0x9FFF)
            || (value >= 0xAC00 && value <= 0xD7AF)
    }

    static func isSpace(_ value: UInt32) -> Bool {
        value == 0x20 || value == 0x09 || value == 0xA0 || value == 0x202F || value == 0x3000
            || (value >= 0x2000 && value <= 0x200A)
    }

    /// Direction marks and zero-width characters that clients put around names and addresses.
    static func isInvisibleMark(_ value: UInt32) -> Bool {
        (value >= 0x200B && value <= 0x200F) || (value >= 0x202A && value <= 0x202E)
            || (value >= 0x2066 && value <= 0x2069) || value == 0xFEFF
    }

    /// Whether a key may be a marker other than an attribution start or a header field: it ends with a colon
    /// or a dash, starts with a rule character, or starts or ends like a device signature.
    static func mayMark(_ key: Key) -> Bool {
        guard let first = key.first, let last = key.last else { return false }
        if last == 0x3A || last == 0x2D || first == 0x2D || first == 0x5F || first == 0x3D || first == 0x7E {
            return true
        }
        if key.hasPrefix(emDash) { return true }
        return deviceSignatureStartTable.prefix(of: key) != nil || deviceSignatureEndLastBytes[Int(last)]
            || (last == 0x2E && key.bytes.count >= 2
                && deviceSignatureEndLastBytes[Int(key.bytes[key.bytes.count - 2])])
    }

    /// The key of some text on its own.
    static func key(of text: Substring) -> Key {
        Line(String(text)).key
    }
}
