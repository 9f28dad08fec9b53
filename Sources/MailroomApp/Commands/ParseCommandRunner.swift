import Foundation
import MailMessage

/// `mailroom parse FILE...`: one JSON line per readable message; unreadable files are reported on stderr and
/// make the exit status non-zero, without stopping the others.
public enum ParseCommandRunner {
    /// Parses each file and writes its report; returns false when any file could not be read or parsed.
    public static func run(files: [String], output: (String) -> Void, errors: (String) -> Void) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var allGood = true
        for path in files {
            do {
                let bytes = try readFile(path)
                let message = try MessageParser.parse(bytes)
                let json = try encoder.encode(ParseReport(file: path, message: message))
                output(String(decoding: json, as: UTF8.self))
            } catch let error as MessageParser.ParseError {
                errors("mailroom parse: \(path): cannot parse: \(error)")
                allGood = false
            } catch {
                errors("mailroom parse: \(path): cannot read: \(describe(error))")
                allGood = false
            }
        }
        return allGood
    }

    /// Parses the files `repeat` times in memory and reports throughput (for benchmarks).
    public static func measure(files: [String], repeat count: Int) throws -> ParseThroughput {
        let inputs = try files.map(readFile)
        let bytes = inputs.reduce(0) { $0 + $1.count }
        let clock = ContinuousClock()
        var checksum = 0
        let elapsed = try clock.measure {
            for _ in 0..<count {
                for input in inputs {
                    let message = try MessageParser.parse(input)
                    checksum &+= (message.subject?.utf8.count ?? 0) &+ message.textBody.utf8.count
                    checksum &+= message.from.count
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return ParseThroughput(
            messages: inputs.count * count, bytes: bytes * count, seconds: seconds, checksum: checksum)
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: path)
        return Array(try Data(contentsOf: url))
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

/// Parse throughput over a set of files.
public struct ParseThroughput: Encodable, Sendable {
    /// Messages parsed.
    public var messages: Int
    /// Bytes parsed.
    public var bytes: Int
    /// Wall time in seconds.
    public var seconds: Double
    /// A value derived from the results, so the work cannot be optimised away.
    public var checksum: Int
}
