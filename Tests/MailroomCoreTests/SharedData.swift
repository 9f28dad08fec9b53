import Foundation
import MailMessage
import Testing

/// Locates the shared, read-only data folder (`<package>/../shared/data`, or `$MAILROOM_SHARED_DATA`).
enum SharedData {
    static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["MAILROOM_SHARED_DATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return DemoMail.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
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
}

/// The demo customer mails committed in `scripts/demo-mail`.
enum DemoMail {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var folder: URL { packageRoot.appendingPathComponent("scripts/demo-mail") }

    static func names() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted()
    }

    static func message(_ name: String) throws -> Message {
        try MessageParser.parse(Array(try Data(contentsOf: folder.appendingPathComponent(name))))
    }
}
