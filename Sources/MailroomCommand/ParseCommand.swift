import ArgumentParser
import Foundation
import MailroomApp

/// `mailroom parse FILE...`
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse messages and print one JSON object per message.",
        discussion: """
            Keys: file, subject, from, fromName, to, cc, replyTo, messageID, inReplyTo, references, date, kind,
            kindEvidence, text, newText, attachments [{filename, contentType, size}], defects.
            A file that cannot be read is reported on stderr and the exit status is 1; the others still print.
            """
    )

    @Argument(help: "Message files (RFC 5322 / MIME).")
    var files: [String]

    @Option(help: "Parse the files this many times in memory and print throughput instead of reports.")
    var benchmark: Int?

    func run() throws {
        if let count = benchmark {
            let result = try ParseCommandRunner.measure(files: files, repeat: max(1, count))
            let rate = Double(result.messages) / result.seconds
            let megabytes = Double(result.bytes) / 1_048_576 / result.seconds
            print(
                String(
                    format: "{\"messages\":%d,\"bytes\":%d,\"seconds\":%.6f,\"messagesPerSecond\":%.1f,"
                        + "\"megabytesPerSecond\":%.2f,\"checksum\":%d}",
                    result.messages, result.bytes, result.seconds, rate, megabytes, result.checksum))
            return
        }
        let ok = ParseCommandRunner.run(
            files: files, output: { print($0) },
            errors: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        if !ok { throw ExitCode(1) }
    }
}
