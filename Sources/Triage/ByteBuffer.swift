/// Appends little-endian values to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func integer<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func double(_ value: Double) { integer(value.bitPattern) }

    mutating func float(_ value: Float) { integer(value.bitPattern) }

    mutating func varint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(remaining & 0x7F) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    mutating func string(_ value: String) {
        varint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func halfFloats(_ values: [Float]) {
        bytes.reserveCapacity(bytes.count + values.count * 2)
        for value in values { integer(Float16(value).bitPattern) }
    }
}

/// Reads little-endian values from bytes; every read fails with `nil` instead of running past the end.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func integer<T: FixedWidthInteger>(_: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { return nil }
        var value: T = 0
        for index in 0..<size { value |= T(bytes[offset + index]) << (8 * index) }
        offset += size
        return value
    }

    mutating func double() -> Double? { integer(UInt64.self).map(Double.init(bitPattern:)) }

    mutating func float() -> Float? { integer(UInt32.self).map(Float.init(bitPattern:)) }

    mutating func varint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    mutating func string() -> String? {
        guard let length = varint(), length <= UInt64(bytes.count - offset) else { return nil }
        let slice = bytes[offset..<offset + Int(length)]
        offset += Int(length)
        return String(validating: slice, as: UTF8.self)
    }

    mutating func halfFloats(count: Int) -> [Float]? {
        guard count >= 0, count <= (bytes.count - offset) / 2 else { return nil }
        var values = [Float](repeating: 0, count: count)
        for index in 0..<count {
            let bits = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
            values[index] = Float(Float16(bitPattern: bits))
            offset += 2
        }
        return values
    }
}
