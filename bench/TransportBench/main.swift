// TransportBench: the Mailroom side of bench/transport (run that script; this is not a test).
//
//   TransportBench fetch IMAP_URL USER PASSWORD MAILBOX COUNT   -> "<seconds> <messages> <bytes>"
//   TransportBench send SMTP_URL DIRECTORY COUNT                -> "<seconds> <messages> <bytes>"
//
// fetch: the production path, on one IMAPClient connection: uids(after: 0), then fetch(uids:) in batches of 100
// (one RFC822.SIZE command per batch, then each message by UID). send: one SMTPSender, DIRECTORY/msgN.eml for
// N in 1...COUNT, each to one recipient. imaps:// and smtps:// URLs verify the server against the PEM file in
// MAILROOM_BENCH_CA_FILE; plain URLs use no TLS.
import Foundation
import MailTransport

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data((text + "\n").utf8))
    exit(1)
}

let caFile = ProcessInfo.processInfo.environment["MAILROOM_BENCH_CA_FILE"]

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func fetch(_ arguments: [String]) async throws {
    guard arguments.count == 5, let count = Int(arguments[4]) else {
        fail("fetch IMAP_URL USER PASSWORD MAILBOX COUNT")
    }
    let configuration = IMAPConfiguration(
        url: arguments[0], credentials: .password(username: arguments[1], password: arguments[2]),
        tls: arguments[0].hasPrefix("imaps") ? .required : .none, caFile: caFile)
    let client = try IMAPClient(configuration: configuration, mailbox: arguments[3])
    let start = ContinuousClock.now
    let uids = try await client.uids(after: 0, limit: count)
    var messages = 0
    var bytes = 0
    for batch in stride(from: 0, to: uids.count, by: 100) {
        for (_, outcome) in try await client.fetch(uids: Array(uids[batch..<min(batch + 100, uids.count)])) {
            guard case .message(let message) = outcome else { fail("unexpected outcome \(outcome)") }
            messages += 1
            bytes += message.count
        }
    }
    let elapsed = ContinuousClock.now - start
    guard await client.connectionsOpened == 1 else { fail("more than one connection was opened") }
    print(String(format: "%.4f %d %d", seconds(elapsed), messages, bytes))
}

func send(_ arguments: [String]) async throws {
    guard arguments.count == 3, let count = Int(arguments[2]) else { fail("send SMTP_URL DIRECTORY COUNT") }
    let sender = try SMTPSender(
        configuration: SMTPConfiguration(
            url: arguments[0], credentials: .none, tls: arguments[0].hasPrefix("smtps") ? .required : .none,
            caFile: caFile))
    let messages = try (1...count).map {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(arguments[1])/msg\($0).eml")))
    }
    let start = ContinuousClock.now
    var bytes = 0
    for message in messages {
        let result = await sender.send(from: "support@example.org", recipients: ["bench@example.com"], message: message)
        guard result.isComplete else { fail("send failed: \(result)") }
        bytes += message.count
    }
    let elapsed = ContinuousClock.now - start
    guard await sender.connectionsOpened == 1 else { fail("more than one connection was opened") }
    print(String(format: "%.4f %d %d", seconds(elapsed), messages.count, bytes))
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "fetch": try await fetch(Array(arguments.dropFirst()))
    case "send": try await send(Array(arguments.dropFirst()))
    default: fail("usage: TransportBench fetch ... | send ...")
    }
} catch {
    fail("TransportBench: \((error as? TransportError)?.message ?? "\(error)")")
}
