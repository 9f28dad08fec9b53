import Foundation

/// The POSIX file operations Maildir delivery needs, with errors that name the path and the cause.
enum MaildirFile {
    /// Creates a file that must not exist yet, writes all bytes, fsyncs and closes it.
    static func writeNew(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600) throws(TransportError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("cannot create", path) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let error = failure("cannot write", path)
                close(fd)
                unlink(path)
                throw error
            }
            offset += written
        }
        guard fsync(fd) == 0 else {
            let error = failure("cannot fsync", path)
            close(fd)
            unlink(path)
            throw error
        }
        guard close(fd) == 0 else {
            let error = failure("cannot close", path)
            unlink(path)
            throw error
        }
    }

    /// fsync of a directory, so a rename into it survives a crash.
    static func syncDirectory(_ path: String) throws(TransportError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open directory", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("cannot fsync directory", path) }
    }

    static func rename(_ from: String, _ to: String) throws(TransportError) {
        guard Foundation.rename(from, to) == 0 else { throw failure("cannot rename to \(to):", from) }
    }

    static func read(_ path: String) throws(TransportError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TransportError(
                .storageFailed, transient: false, message: "Maildir: cannot read \(path) (missing or unreadable).")
        }
        return [UInt8](data)
    }

    static func list(_ path: String) throws(TransportError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }
        } catch {
            throw TransportError(.storageFailed, transient: false, message: "Maildir: cannot list \(path): \(error).")
        }
    }

    static func ensureDirectory(_ path: String) throws(TransportError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw failure("cannot create directory", path) }
    }

    /// The error for the current errno: a full disk, a quota or an I/O error is transient, the rest is not.
    static func failure(_ what: String, _ path: String) -> TransportError {
        let code = errno
        let transient = [ENOSPC, EDQUOT, EIO, EINTR, EAGAIN, EMFILE, ENFILE, ENOMEM].contains(code)
        return TransportError(
            .storageFailed, transient: transient,
            message: "Maildir: \(what) \(path): \(String(cString: strerror(code))) (errno \(code)).")
    }
}
