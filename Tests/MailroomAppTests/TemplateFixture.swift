import Foundation
import MailroomCore
import Synchronization

@testable import MailroomApp

/// A template directory in a fresh temporary folder, removed when the fixture goes away.
final class TemplateFixture {
    let root: URL
    private var stampCounter = 0.0

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `text` at `path` (`de/name.txt.mustache`) and gives it a modification time later than any before,
    /// so edits are seen even on file systems with coarse timestamps.
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        stampCounter += 10
        let date = Date(timeIntervalSince1970: 1_700_000_000 + stampCounter)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// A text template with the pragma and `body`.
    static func text(_ body: String) -> String {
        "{{% CONTENT_TYPE: TEXT}}\n\(body)\n{{ticket.reference}}\n"
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)

    var now: ContinuousClock.Instant { instant.withLock { $0 } }

    func advance(by duration: Duration) {
        instant.withLock { $0 = $0.advanced(by: duration) }
    }
}

/// Where the package's shipped templates are.
enum PackagePaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let templates = root.appendingPathComponent("Sources/MailroomApp/Resources/templates")
}

extension TemplateContext {
    /// A small context for tests.
    static func test(
        name: String? = "Anna", email: String = "anna@example.org", subject: String = "Where is my order?",
        intent: String = "track_order", resolution: Resolution? = nil
    ) -> TemplateContext {
        TemplateContext(
            customer: Customer(displayName: name, email: email),
            ticket: Ticket(id: "MR-TEST01", subject: subject, reference: "[ref:MR-TEST01:abc]"),
            company: Company(name: "Shop & Co", supportAddress: "help@example.com"),
            intent: Intent(name: intent, confidence: 0.9), resolution: resolution)
    }
}
