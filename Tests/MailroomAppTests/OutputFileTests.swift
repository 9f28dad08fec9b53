import Foundation
import Testing

@testable import MailroomApp

/// `--out /dev/null` run as root replaced `/dev/null` with a regular file: output files were written next to the
/// path and renamed over it, whatever it was. A named pipe stands in for the device here (making a device needs
/// root): it must still be a pipe afterwards, and have carried the text.
@Suite struct OutputFileTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func type(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    @Test func aNamedPipeIsWrittenIntoNotReplaced() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("out").path
        #expect(mkfifo(pipe, 0o600) == 0)
        // A reader that does not block, so the writer can open the pipe and the test cannot hang.
        let reader = open(pipe, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try TriageFiles.write(text: "intent,confidence\n", to: pipe)
        #expect(Self.type(pipe) == S_IFIFO, "the pipe is still a pipe")
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(count > 0 && String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self) == "intent,confidence\n")
    }

    @Test func aRegularFileIsReplacedWholeAndALinkKeepsPointingAtIt() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.csv")
        try Data("old and longer than the new text\n".utf8).write(to: target)
        let link = folder.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target.path)
        try TriageFiles.write(text: "new\n", to: link)
        #expect(Self.type(link) == S_IFLNK, "the link is still a link")
        #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")
        try TriageFiles.write(text: "again\n", to: target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "again\n")
        #expect(Self.type(target.path) == S_IFREG)
    }
}
