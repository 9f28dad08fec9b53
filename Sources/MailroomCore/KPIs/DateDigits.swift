/// Fixed-width decimal digits for dates written many times a second (rollup days, stored timestamps), without
/// Foundation's formatters (`String(format:)` took 2.6% of the gateway's CPU for the rollup day alone).
public enum DateDigits {
    /// Appends `value`, which must be in `0..<10^width`, as exactly `width` decimal digits.
    public static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        precondition(value >= 0, "a date field is not negative")
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var remaining = value
        var index = start + width - 1
        while remaining > 0 && index >= start {
            bytes[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            index -= 1
        }
    }

    /// `YYYY-MM-DD` for a year in 0...9999.
    public static func day(year: Int, month: Int, day: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
