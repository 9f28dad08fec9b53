import Foundation
import Triage

/// The read-only shared data sets: `$MAILROOM_SHARED_DATA`, or `<package root>/../shared/data`.
enum SharedData {
    static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["MAILROOM_SHARED_DATA"] {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("bitext/train.csv").path)
    }

    static func examples(_ relativePath: String) throws -> [LabeledExample] {
        let text = try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
        return CSVTable(parsing: text).labeledExamples() ?? []
    }
}
