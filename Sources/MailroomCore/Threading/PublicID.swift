/// The syntax of a ticket's public id (`MR-7K4QX2`): ASCII letters, digits and inner hyphens, compared
/// without regard to case. The canonical form is upper case.
enum PublicID {
    /// The longest public id accepted.
    static let maximumLength = 32

    /// The canonical (upper-case) form of `text`, or nil when it is not a valid public id.
    static func canonical<S: StringProtocol>(_ text: S) -> String? {
        let upper = text.uppercased()
        guard !upper.isEmpty, upper.utf8.count <= maximumLength else { return nil }
        guard upper.utf8.allSatisfy(isIDByte), upper.first != "-", upper.last != "-" else { return nil }
        return upper
    }

    /// Whether `byte` may appear in a (canonical) public id.
    static func isIDByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x2D
    }

    /// Whether `byte` may appear in a public id in any case.
    static func isIDByteAnyCase(_ byte: UInt8) -> Bool {
        isIDByte(byte) || (byte >= 0x61 && byte <= 0x7A)
    }
}
