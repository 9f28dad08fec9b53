import Foundation
import MailTransport
import MailroomCore

/// ``MailSource`` over a Maildir: messages in new/ are taken into cur/ (flagged seen) once committed. An entry
/// that is not a readable regular file (a folder, a FIFO, a symbolic link, no permission) is never opened or
/// followed: it is reported as unreadable and left in place, and the rest flows.
final class MaildirMailSource: MailSource {
    let identity: String
    private let maildir: MaildirSource
    private let pollInterval: Duration

    init(path: String, pollInterval: Duration = .seconds(2)) throws {
        maildir = try MaildirSource(directory: path)
        identity = "maildir:" + path
        self.pollInterval = pollInterval
    }

    func pending(after checkpoint: Checkpoint?, limit: Int) async throws -> SourceSnapshot {
        let messages = try maildir.newMessages(limit: limit)
        return SourceSnapshot(uidValidity: nil, items: messages.map { SourceItem(key: $0.name) })
    }

    func fetch(_ item: SourceItem, maxSize: Int) async throws -> FetchResult {
        let message = MaildirMessage(name: item.key, isNew: true, flags: [])
        var info = stat()
        guard lstat(maildir.path(of: message), &info) == 0 else { return .gone }
        let bytes: [UInt8]
        do {
            bytes = try maildir.read(message)
        } catch {
            return .unreadable(reason: error.message)
        }
        guard bytes.count <= maxSize else {
            return .tooLarge(size: bytes.count, header: Array(Self.headerBlock(bytes)))
        }
        return .message(bytes)
    }

    func acknowledge(_ items: [SourceItem]) async throws {
        for item in items {
            try maildir.take(MaildirMessage(name: item.key, isNew: true, flags: []), flags: [.seen])
        }
    }

    func waitForNewMail(timeout: Duration) async throws -> Bool {
        try await Task.sleep(for: min(timeout, pollInterval))
        return false
    }

    static func headerBlock(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A, bytes[index + 1] == 0x0A || (bytes[index + 1] == 0x0D) { return bytes[..<index] }
            index += 1
        }
        return bytes[..<min(bytes.count, 64 * 1024)]
    }
}
