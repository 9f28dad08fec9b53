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

    /// The bytes of a regular file, read without following a symbolic link and without blocking: a folder, a
    /// FIFO, a socket, a device or a link (dangling or not) is refused before anything is read.
    static func read(_ path: String) throws(TransportError) -> [UInt8] {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw failure("cannot read", path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw TransportError(
                .storageFailed, transient: false,
                message: "Maildir: \(path) is \(kind(info.st_mode)), not a mail file; it is skipped and never opened.")
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open", path) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw TransportError(
                .storageFailed, transient: false, message: "Maildir: \(path) changed while it was opened; skipped.")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure("cannot read", path) }
            if count == 0 { break }
            offset += count
        }
        return Array(bytes[..<offset])
    }

    /// What a file of `mode` is, in words.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFLNK: "a symbolic link"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        default: "not a regular file"
        }
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

    /// The error for the current errno: a full disk, a quota or an I/O error is transient; permissions, a
    /// read-only file system or a missing folder are a setup problem an operator must fix; the rest is permanent.
    static func failure(_ what: String, _ path: String) -> TransportError {
        let code = errno
        let transient = [ENOSPC, EDQUOT, EIO, EINTR, EAGAIN, EMFILE, ENFILE, ENOMEM].contains(code)
        return TransportError(
            .storageFailed, transient: transient,
            message: "Maildir: \(what) \(path): \(String(cString: strerror(code))) (errno \(code)).",
            localSetupProblem: [EACCES, EPERM, EROFS, ENOENT, ENOTDIR].contains(code))
    }

    /// Makes `target` a second name of `source` (fails with EEXIST when `target` exists: never overwrites).
    static func link(_ source: String, _ target: String) throws(TransportError) -> Bool {
        if Foundation.link(source, target) == 0 { return true }
        if errno == EEXIST { return false }
        throw failure("cannot link to \(target):", source)
    }
}
