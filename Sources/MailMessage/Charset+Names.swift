extension Charset {
    enum Name: Hashable {
        case ascii
        case utf8
        case windows1252
        case iconv(String)
        case unknown
    }

    /// Maps a MIME charset label to the decoder to use. Supersets are preferred where mail clients
    /// commonly mislabel (GB2312 -> GB18030, EUC-KR -> CP949, Shift_JIS -> CP932, Big5 -> Big5-HKSCS).
    static func canonicalName(_ label: String) -> Name {
        var key = label.lowercased()
        key.removeAll { $0 == "\"" || $0 == "'" || $0 == " " || $0 == "\t" }
        if let star = key.firstIndex(of: "*") { key = String(key[..<star]) }  // RFC 2231 language suffix
        if let known = aliases[key] { return known }
        if let iso = isoPart(key) { return .iconv("ISO-8859-\(iso)") }
        if let win = windowsCodePage(key) { return win == 1252 ? .windows1252 : .iconv("CP\(win)") }
        guard !key.isEmpty, key.utf8.count <= 40, key.utf8.allSatisfy(isLabelByte) else { return .unknown }
        let upper = key.uppercased()
        return Iconv.isAvailable(upper) ? .iconv(upper) : .unknown
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
            || byte == 0x2E || byte == 0x3A
    }

    /// `iso-8859-2`, `iso8859-2`, `iso_8859-2`, `iso-8859-2:1987`, `latin2` -> 2.
    private static func isoPart(_ key: String) -> Int? {
        var rest = Substring(key)
        for prefix in ["iso-8859-", "iso8859-", "iso_8859-", "iso8859_", "iso-8859_", "iso_8859_"]
        where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let number = Int(digits), (1...16).contains(number), number != 12 else { return nil }
            return number
        }
        return nil
    }

    /// `windows-1250`, `cp1250`, `x-cp1250`, `win-1250`, `ms-ee` -> 1250.
    private static func windowsCodePage(_ key: String) -> Int? {
        for prefix in ["windows-", "cp", "x-cp", "win-", "win", "cp-", "ms"] where key.hasPrefix(prefix) {
            if let number = Int(key.dropFirst(prefix.count)), (1250...1258).contains(number) { return number }
        }
        return nil
    }

    private static let aliases: [String: Name] = {
        var table: [String: Name] = [:]
        func add(_ name: Name, _ labels: String...) {
            for label in labels { table[label] = name }
        }
        add(.utf8, "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode-2-0-utf-8", "utf-8-sig")
        add(
            .ascii, "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "cp367", "ibm367", "646", "iso-ir-6",
            "csascii", "default", "x-unknown", "unknown")
        add(
            .windows1252, "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
            "iso-ir-100", "csisolatin1", "iso_8859-1:1987", "windows-1252", "cp1252", "x-cp1252", "ansi", "8859-1")
        add(.iconv("ISO-8859-2"), "latin2", "l2", "csisolatin2", "iso-ir-101")
        add(.iconv("ISO-8859-3"), "latin3", "l3")
        add(.iconv("ISO-8859-4"), "latin4", "l4")
        add(.iconv("ISO-8859-5"), "cyrillic", "csisolatincyrillic")
        add(.iconv("ISO-8859-7"), "greek", "greek8", "elot_928", "ecma-118")
        add(.iconv("ISO-8859-8"), "iso-8859-8-i", "iso-8859-8-e", "hebrew", "visual", "logical")
        add(.iconv("ISO-8859-9"), "latin5", "l5")
        add(.iconv("ISO-8859-10"), "latin6", "l6")
        add(.iconv("ISO-8859-13"), "latin7", "l7")
        add(.iconv("ISO-8859-14"), "latin8", "l8")
        add(.iconv("ISO-8859-15"), "latin9", "latin-9", "l9", "iso-8859-15")
        add(.iconv("ISO-8859-16"), "latin10", "l10")
        add(.iconv("KOI8-R"), "koi8-r", "koi8r", "koi8", "cskoi8r")
        add(.iconv("KOI8-U"), "koi8-u", "koi8u", "koi8-ru")
        add(
            .iconv("CP932"), "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j",
            "cp932", "ms932", "x-ms-cp932", "shiftjis")
        add(.iconv("EUC-JP"), "euc-jp", "eucjp", "x-euc-jp", "cseucpkdfmtjapanese", "x-euc")
        add(
            .iconv("ISO-2022-JP-2"), "iso-2022-jp", "csiso2022jp", "iso-2022-jp-1", "iso-2022-jp-2", "jis",
            "iso2022jp", "x-windows-iso2022jp", "cp50220", "cp50221", "cp50222")
        add(.iconv("ISO-2022-JP-3"), "iso-2022-jp-3")
        add(
            .iconv("GB18030"), "gb2312", "gbk", "cp936", "x-gbk", "euc-cn", "euccn", "csgb2312", "gb_2312-80",
            "chinese", "gb18030", "gb2312-80", "x-euc-cn", "ms936", "windows-936", "hz-gb-2312")
        add(
            .iconv("BIG5-HKSCS"), "big5", "big-5", "cn-big5", "csbig5", "x-x-big5", "big5-hkscs", "cp950",
            "x-big5", "big5hkscs")
        add(
            .iconv("CP949"), "euc-kr", "euckr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "ksc_5601", "korean",
            "cseuckr", "cp949", "uhc", "windows-949", "ks_c_5601-1989", "x-windows-949")
        add(.iconv("ISO-2022-KR"), "iso-2022-kr", "csiso2022kr")
        add(.iconv("UTF-16"), "utf-16", "utf16", "ucs-2", "unicode", "csunicode", "iso-10646-ucs-2")
        add(.iconv("UTF-16LE"), "utf-16le", "utf16le")
        add(.iconv("UTF-16BE"), "utf-16be", "utf16be", "unicodefffe")
        add(.iconv("UTF-32"), "utf-32", "utf32")
        add(.iconv("UTF-32LE"), "utf-32le")
        add(.iconv("UTF-32BE"), "utf-32be")
        add(.iconv("UTF-7"), "utf-7", "utf7", "unicode-1-1-utf-7", "x-utf-7", "csunicode11utf7")
        add(.iconv("MACINTOSH"), "macintosh", "mac", "x-mac-roman", "macroman", "csmacintosh")
        add(.iconv("CP874"), "windows-874", "cp874", "x-cp874")
        add(.iconv("TIS-620"), "tis-620", "tis620", "iso-8859-11")
        add(.iconv("CP866"), "cp866", "ibm866", "866", "csibm866")
        add(.iconv("CP850"), "cp850", "ibm850", "850")
        add(.iconv("CP437"), "cp437", "ibm437", "437")
        add(.iconv("VISCII"), "viscii", "csviscii")
        return table
    }()
}
