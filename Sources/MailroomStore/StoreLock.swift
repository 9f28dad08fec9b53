import Foundation

/// An exclusive lock on a store for one `mailroom run`: two gateways on one SQLite file would race on the
/// mailbox (Maildir renames, IMAP moves) and the outbox. Held through `flock` on `<store>.lock` (which holds the
/// holder's process id) until ``release()`` or the process ends, so a crashed holder never blocks a restart.
public final class StoreLock: Sendable {
    private let descriptor: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock of the store at `storePath`.
    /// - Throws: ``StoreError`` naming the process that holds it, or why the lock file cannot be opened.
    public init(storePath: String) throws {
        path = storePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError.locked("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(fd)
            close(fd)
            throw StoreError.locked(
                "another mailroom run\(holder.map { " (process \($0))" } ?? "") is using the store \(storePath); "
                    + "stop it first, or give this one its own store.path")
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        descriptor = fd
    }

    /// Releases the lock.
    public func release() {
        flock(descriptor, LOCK_UN)
    }

    deinit {
        close(descriptor)
    }

    private static func holder(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
