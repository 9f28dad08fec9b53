extension Address {
    /// The longest address accepted (RFC 5321 4.5.3.1.3 path limit, less the brackets).
    static let maxLength = 254
    /// The longest display-name word written as it is (longer ones are encoded, so they can fold).
    static let maxPlainNameWord = 60

    /// The address as it goes into a header: `address`, `Name <address>`, `"Name, Jr." <address>`, or
    /// `=?UTF-8?Q?...?= <address>` when the name has non-ASCII or control characters (CR, LF included).
    ///
    /// Throws ``BuildError/invalidAddress(_:)`` (naming `field`) when the address has white space, angle
    /// brackets, control or non-ASCII characters, no `@`, or is too long.
    public func formatted(field: String = "address") throws -> String {
        var folder = HeaderFolder(unfoldedPrefix: "")
        try append(to: &folder, separator: "", field: field)
        return folder.unfoldedValue
    }

    /// Appends the display name and `<address>` to a header being written.
    func append(to folder: inout HeaderFolder, separator: String, field: String, suffix: String = "") throws {
        try Address.validate(address, field: field)
        let name = (name ?? "").trimmed([" ", "\t"])
        guard !name.isEmpty else {
            folder.append(address + suffix, separator: separator)
            return
        }
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        if Address.nameNeedsEncoding(name) {
            folder.appendEncoded(name, separator: separator)
        } else if words.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Address.isAtomText) }) {
            folder.appendWords(name, separator: separator)
        } else {
            folder.appendWords(Address.quoted(name), separator: separator)
        }
        folder.append("<\(address)>" + suffix)
    }

    /// Appends a comma-separated list of addresses to a header being written.
    static func appendList(_ list: [Address], to folder: inout HeaderFolder, field: String) throws {
        for (index, address) in list.enumerated() {
            let suffix = index == list.count - 1 ? "" : ","
            try address.append(to: &folder, separator: " ", field: field, suffix: suffix)
        }
    }

    /// Checks an addr-spec: `local@domain`, local part of atext and dots, domain a host name or an
    /// address literal, all printable ASCII, at most 254 characters.
    static func validate(_ address: String, field: String) throws {
        let bytes = Array(address.utf8)
        guard bytes.count <= maxLength, let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0,
            at < bytes.count - 1, at <= 64
        else { throw BuildError.invalidAddress(field) }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard local.allSatisfy({ isAtomText($0) || $0 == UInt8(ascii: ".") }) else {
            throw BuildError.invalidAddress(field)
        }
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]"), domain.count > 2 {
            let inner = domain.dropFirst().dropLast()
            guard inner.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != 0x5B && $0 != 0x5C && $0 != 0x5D }) else {
                throw BuildError.invalidAddress(field)
            }
            return
        }
        guard domain.allSatisfy(isHostNameByte) else { throw BuildError.invalidAddress(field) }
    }

    /// More blanks in a row than a plain display name may keep.
    private static let tooManyBlanks = String(repeating: " ", count: HeaderFolder.maxPlainBlanks + 1)

    /// Whether a display name must be written as encoded words rather than atoms or a quoted string.
    static func nameNeedsEncoding(_ name: String) -> Bool {
        if name.utf8.contains(UInt8(ascii: "\t")) || TextSearch.contains(Self.tooManyBlanks, in: name) {
            return true
        }
        return name.split(separator: " ").contains { HeaderFolder.needsEncoding(String($0), limit: maxPlainNameWord) }
    }

    /// `text` as a quoted string, with `"` and `\` escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }

    /// RFC 5322 atext: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtomText(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }

    /// Letters, digits, `-`, `.` and `_` (seen in real host names).
    static func isHostNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
