import Foundation

/// The read-only reference data shared by the project (`<package root>/../shared/data`, or
/// `$MAILROOM_SHARED_DATA`). Tests that use it are skipped when it is absent.
enum SharedData {
    /// The data folder.
    static var root: URL {
        if let path = ProcessInfo.processInfo.environment["MAILROOM_SHARED_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// Whether the data folder exists.
    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.path)
    }

    /// The bytes of a fixture in `emails/`.
    static func email(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent("emails").appendingPathComponent(name)))
    }
}
