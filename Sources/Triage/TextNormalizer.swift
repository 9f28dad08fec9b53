import Foundation

/// Unicode-aware normalisation: compatibility forms folded (NFKC-like), case folded, accents removed.
///
/// `"Ｃａｆé ÜBER straße"` becomes `"cafe uber strasse"`. Typographic apostrophes and dashes become their
/// ASCII forms so that tokenisation treats them alike.
public enum TextNormalizer {
    /// Returns the folded form of `text`.
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return asciiLowercased(text)
        }
        return foldedByScalar(text) ?? unicodeFolded(text)
    }

    /// The folded form of each scalar below ``SmallScalars/limit`` and of each separator
    /// (``SmallScalars/isSeparator(_:)``), as ``unicodeFolded(_:)`` folds it alone.
    static let foldedScalars: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        for value in Array(0..<SmallScalars.limit) + SmallScalars.separators {
            table[value] = unicodeFolded(String(Unicode.Scalar(value)!))
        }
        return table
    }()

    /// The folded form of each scalar below the limit, by value.
    private static let foldedSmall: [String] = (0..<SmallScalars.limit).map { foldedScalars[$0]! }

    /// The folded form of `text` put together from the folded forms of its scalars, when every scalar is below
    /// ``SmallScalars/limit`` or a separator; nil otherwise. None of these scalars is a combining mark, so the
    /// compatibility decomposition of the text is that of each scalar in turn, and the marks it yields (the only
    /// scalars that canonical ordering moves) are dropped by the folding.
    static func foldedByScalar(_ text: String) -> String? {
        let small = foldedSmall
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                let value = scalar.value
                result.unicodeScalars.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 0x20)! : scalar)
            } else if scalar.value < SmallScalars.limit {
                result += small[Int(scalar.value)]
            } else if SmallScalars.isSeparator(scalar.value), let folded = foldedScalars[scalar.value] {
                result += folded
            } else {
                return nil
            }
        }
        return result
    }

    /// The folded form of text of any script: its compatibility decomposition, folded scalar by scalar.
    static func unicodeFolded(_ text: String) -> String {
        let decomposed = text.decomposedStringWithCompatibilityMapping
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(decomposed.unicodeScalars.count)
        for scalar in decomposed.unicodeScalars {
            appendFolded(scalar, to: &scalars)
        }
        return String(scalars)
    }

    private static func asciiLowercased(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A {
            bytes[index] += 0x20
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendFolded(_ scalar: Unicode.Scalar, to scalars: inout String.UnicodeScalarView) {
        if scalar.value < 0x80 {
            let value = scalar.value
            scalars.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 0x20)! : scalar)
            return
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark:
            return
        default:
            break
        }
        switch scalar.value {
        case 0x2018, 0x2019, 0x201B, 0x2032, 0x00B4, 0x0060:
            scalars.append("'")
        case 0x2010...0x2015, 0x2212:
            scalars.append("-")
        case 0x00DF, 0x1E9E:
            scalars.append(contentsOf: "ss".unicodeScalars)
        case 0x00E6, 0x00C6:
            scalars.append(contentsOf: "ae".unicodeScalars)
        case 0x0153, 0x0152:
            scalars.append(contentsOf: "oe".unicodeScalars)
        case 0x00F8, 0x00D8:
            scalars.append("o")
        case 0x0131:
            scalars.append("i")
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x3000:
            scalars.append(" ")
        default:
            scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
    }
}
