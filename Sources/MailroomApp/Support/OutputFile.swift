import Foundation

/// Writes a file a person named (`--out`, `metrics.path`): a regular file is replaced atomically (a reader never
/// sees half of it); a path that names something else, such as `/dev/null` or a named pipe, is written into as
/// it is. `Data.write(options: .atomic)` writes a new file and renames it over the path: run as root, it turned
/// `--out /dev/null` into a regular file and every other program's writes to `/dev/null` into errors. A
/// symbolic link is followed, so the file it points to is replaced and the link stays.
enum OutputFile {
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        var status = stat()
        if lstat(url.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            return
        }
        try data.write(to: url, options: .atomic)
    }
}
