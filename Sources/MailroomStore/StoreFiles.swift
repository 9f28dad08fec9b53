import Foundation

/// The store's files hold every customer's raw mail: they are created readable by their owner only (0600, and
/// 0700 for a folder Mailroom creates), whatever the umask, and older files that others could read are
/// tightened when the store opens. SQLite gives the `-wal` and `-shm` files the mode of the database file.
enum StoreFiles {
    /// Creates the folder of `path` (0700) when missing, and the database file (0600) when missing; tightens an
    /// existing database, `-wal` and `-shm` file to 0600.
    static func prepare(_ path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            chmod(directory, 0o700)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            fchmod(fd, 0o600)
            close(fd)
        } else if errno != EEXIST {
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        for file in [path, path + "-wal", path + "-shm"] { tighten(file) }
    }

    /// Removes group and other permissions from `file` when it exists and has any.
    static func tighten(_ file: String) {
        var info = stat()
        guard lstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & 0o077 != 0 else { return }
        chmod(file, info.st_mode & 0o700)
    }
}
