import Foundation

/// The template files of a directory, with what is needed to notice edits (modification time and size).
struct TemplateDirectory: Sendable, Equatable {
    /// What identifies one version of a file on disk.
    struct Stamp: Hashable, Sendable {
        /// Modification time.
        let modified: Date
        /// Size in bytes.
        let size: Int

        init(modified: Date, size: Int) {
            self.modified = modified
            self.size = size
        }

        /// The stamp of the file at `path` from one `stat`; nil when it cannot be read. Not `FileManager`'s
        /// `attributesOfItem`, which also looks up the owner's and group's names: two reads of `/etc/passwd` and
        /// `/etc/group` per file, for every template, every time the directory is checked for edits.
        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            modified = Date(
                timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
            size = Int(info.st_size)
        }
    }

    /// The root directory.
    let root: URL
    /// Every file that follows the layout, with its stamp.
    let files: [TemplatePath: Stamp]
    /// Files inside language folders that do not follow the layout (relative paths).
    let stray: [String]
    /// The language folders.
    let languages: [String]

    /// Lists `root`: each sub-folder is a language; hidden files and files at the top level are ignored.
    static func scan(_ root: URL) throws(TemplateError) -> TemplateDirectory {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue,
            let entries = try? manager.contentsOfDirectory(atPath: root.path)
        else { throw .directoryNotFound(root.path) }
        var files: [TemplatePath: Stamp] = [:]
        var stray: [String] = []
        var languages: [String] = []
        for language in entries.sorted() where !language.hasPrefix(".") {
            let folder = root.appendingPathComponent(language)
            guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue,
                let names = try? manager.contentsOfDirectory(atPath: folder.path)
            else { continue }
            languages.append(language)
            for name in names.sorted() where !name.hasPrefix(".") && !name.hasSuffix("~") {
                guard let path = TemplatePath(language: language, fileName: name) else {
                    stray.append("\(language)/\(name)")
                    continue
                }
                guard let stamp = Stamp(path: folder.appendingPathComponent(name).path) else { continue }
                files[path] = stamp
            }
        }
        return TemplateDirectory(root: root, files: files, stray: stray, languages: languages)
    }

    /// The text of a template file (UTF-8, a leading byte-order mark removed); nil when unreadable.
    func read(_ path: TemplatePath) -> String? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path.relativePath).path),
            var text = String(data: data, encoding: .utf8)
        else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }
}
