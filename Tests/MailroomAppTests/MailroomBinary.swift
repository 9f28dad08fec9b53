import Foundation

/// The `mailroom` binary built beside this test bundle (`swift build --build-tests` builds both).
enum MailroomBinary {
    static let path: String = {
        let bundle =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent("mailroom").path
    }()
}
