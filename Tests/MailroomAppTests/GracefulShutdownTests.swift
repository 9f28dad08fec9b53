import Foundation
import MailroomStore
import Testing

@testable import MailroomApp

/// `mailroom run` as a process: SIGTERM stops the poller, lets processing and sending drain, and exits 0.
@Suite struct GracefulShutdownTests {
    @Test func sigtermDrainsAndExitsCleanly() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailroom-term-\(UUID().uuidString)")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let config = try DemoDefaults.writeWorkspace(
            at: directory.path)
        #expect(
            FileManager.default.isExecutableFile(atPath: MailroomBinary.path), "build the mailroom product first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MailroomBinary.path)
        process.arguments = ["run", "--config", config, "--log-level", "warning"]
        try process.run()
        // Mail arriving while it runs is taken, processed and sent.
        let mail = repository.appendingPathComponent("scripts/demo-mail/01-track-order-plain-ascii.eml")
        try FileManager.default.copyItem(
            at: mail, to: directory.appendingPathComponent("maildir/inbox/new/01.eml"))
        let outbox = directory.appendingPathComponent("maildir/outbox/new")
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        while clock.now < deadline, ((try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []).isEmpty
        {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []).count == 1)
        let stopped = clock.now
        process.terminate()  // SIGTERM
        while process.isRunning, clock.now - stopped < .seconds(25) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        #expect(process.terminationReason == .exit)
        let store = try SQLiteStore(path: directory.appendingPathComponent("mailroom.sqlite").path)
        #expect(try store.messageCounts() == ["processed": 1])
        try? FileManager.default.removeItem(at: directory)
    }
}
