import Foundation
import Testing

/// Locates the shared, read-only data folder (`<package>/../shared/data`, or `$MAILROOM_SHARED_DATA`).
enum SharedData {
    static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["MAILROOM_SHARED_DATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return package.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    static var emails: URL { root.appendingPathComponent("emails") }

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: emails.appendingPathComponent("kinds.csv").path)
    }

    static let skipMessage: Comment = "shared data not found at ../shared/data (set MAILROOM_SHARED_DATA)"

    static func fixtureNames() -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: emails.path) else { return [] }
        return names.filter { $0.hasSuffix(".eml") }.sorted()
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: emails.appendingPathComponent(name)))
    }

    /// Rows of a simple CSV (RFC 4180 quoting), header row included.
    static func csv(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: emails.appendingPathComponent(name), encoding: .utf8)
        return CSV.parse(text)
    }
}

/// A small RFC 4180 reader for test data.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let value = pending {
                pending = nil
                return value
            }
            return iterator.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            case "\r": continue
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
