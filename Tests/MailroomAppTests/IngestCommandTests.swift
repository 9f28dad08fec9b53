import Foundation
import Testing

/// `mailroom ingest` run as the MTA runs it: the built binary as a subprocess, the message on standard input.
@Suite struct IngestCommandTests {
    struct Run {
        var status: Int32
        var standardError: String
    }

    /// Runs `sh -c script` with `mailroom` on PATH position 1 as "$MAILROOM", `input` on standard input.
    private func run(_ script: String, input: [UInt8]) throws -> Run {
        #expect(FileManager.default.isExecutableFile(atPath: MailroomBinary.path), "build the mailroom product first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ["MAILROOM": MailroomBinary.path, "PATH": "/usr/bin:/bin"]
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        try process.run()
        try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
        try stdin.fileHandleForWriting.close()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, standardError: String(decoding: errors, as: UTF8.self))
    }

    private func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "ingest-test-\(UInt64.random(in: 0...UInt64.max))"
    }

    @Test func storesTheMessageByteExactAndExitsZero() throws {
        let maildir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: maildir) }
        let message = Array("From: a@example.com\r\nSubject: Grüße\r\n\r\nbody\r\n.\r\n".utf8) + [0xFF, 13, 10]
        let result = try run("exec \"$MAILROOM\" ingest --maildir '\(maildir)'", input: message)
        #expect(result.status == 0, "\(result.standardError)")
        let stored = try FileManager.default.contentsOfDirectory(atPath: maildir + "/new")
        #expect(stored.count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(maildir)/new/\(stored[0])")) == Data(message))
        #expect(result.standardError.isEmpty)
    }

    @Test func emptyInputIsADataError() throws {
        let maildir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: maildir) }
        let result = try run("exec \"$MAILROOM\" ingest --maildir '\(maildir)'", input: [])
        #expect(result.status == 65)
        #expect(result.standardError.contains("no message"))
    }

    @Test func oversizedMessageIsRefusedWithADataError() throws {
        let maildir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: maildir) }
        let result = try run(
            "exec \"$MAILROOM\" ingest --maildir '\(maildir)' --max-size 1000",
            input: [UInt8](repeating: 65, count: 300_000))
        #expect(result.status == 65)
        #expect(result.standardError.contains("1000-byte limit"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: maildir + "/new"))?.isEmpty ?? true)
    }

    @Test func unwritableMaildirIsATemporaryFailure() throws {
        // A regular file where a folder must be: fails even for root (who ignores permission bits).
        let file = temporaryDirectory()
        #expect(FileManager.default.createFile(atPath: file, contents: Data("not a folder".utf8)))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try run("exec \"$MAILROOM\" ingest --maildir '\(file)/maildir'", input: Array("x\r\n".utf8))
        #expect(result.status == 75)
        #expect(result.standardError.contains("\(file)/maildir"))
    }

    @Test func failedWriteIsATemporaryFailureAndLeavesNothing() throws {
        // A file-size limit stands in for a full disk: write() fails (EFBIG) half-way through the message.
        let maildir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: maildir) }
        let result = try run(
            "trap '' XFSZ; ulimit -f 8; exec \"$MAILROOM\" ingest --maildir '\(maildir)'",
            input: [UInt8](repeating: 66, count: 200_000))
        #expect(result.status == 75, "\(result.standardError)")
        #expect(result.standardError.contains("EX_TEMPFAIL"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/new").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/tmp").isEmpty)
    }

    @Test func unreadableInputIsATemporaryFailure() throws {
        let maildir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: maildir) }
        // Standard input is a directory: read() fails (EISDIR), like a broken pipe from the MTA would.
        let result = try run("exec \"$MAILROOM\" ingest --maildir '\(maildir)' < /", input: [])
        #expect(result.status == 75)
        #expect(result.standardError.contains("reading the message failed"))
    }

    @Test func missingMaildirOptionIsATemporaryFailure() throws {
        let result = try run("exec \"$MAILROOM\" ingest", input: Array("x\r\n".utf8))
        #expect(result.status == 75)
    }
}
