import Foundation
import MailroomCore
import Testing

@testable import MailroomStore

/// Finding 8 of the trust issue: the store holds every customer's raw mail, so only its owner may read it.
@Suite struct StoreFilesTests {
    private func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    @Test func theStoreAndTheFolderMailroomCreatesAreOwnerOnly() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mr-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("data/mailroom.sqlite").path
        let store = try SQLiteStore(path: path)
        _ = try store.ingest(
            IngestRequest(raw: Array("Subject: x\r\n\r\nsecret\r\n".utf8), source: "test", receivedAt: Date()))
        #expect(mode(root.appendingPathComponent("data").path) == 0o700)
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            #expect(mode(file) == 0o600, "\(file) is \(String(mode(file), radix: 8))")
        }
    }

    @Test func anOlderStoreOthersCouldReadIsTightened() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mr-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let path = root.appendingPathComponent("mailroom.sqlite").path
        _ = try SQLiteStore(path: path)
        chmod(path, 0o644)
        _ = try SQLiteStore(path: path)
        #expect(mode(path) == 0o600)
    }

    @Test func aStoreThatCannotBeOpenedNamesTheFileAndTheCause() throws {
        let path = "/proc/mailroom-cannot-exist/mailroom.sqlite"
        #expect {
            _ = try SQLiteStore(path: path)
        } throws: { error in
            let message = (error as? StoreError)?.errorDescription ?? ""
            return message.contains(path) && message.count > path.count + 30
        }
    }
}
