// TransportBench: the Mailroom side of bench/transport (run that script; this is not a test).
//
//   TransportBench fetch IMAP_URL USER PASSWORD MAILBOX COUNT   -> "<seconds> <messages> <bytes>"
//   TransportBench send SMTP_URL DIRECTORY COUNT                -> "<seconds> <messages> <bytes>"
//   TransportBench relay IMAP_URL USER PASSWORD MAILBOX PROCESSED SMTP_URL DIRECTORY SENDS CONNECTIONS
//                                                               -> "<seconds> <fetched> <sent> <cpu seconds>"
//
// fetch: the production path, on one IMAPClient connection: uids(after: 0), then fetch(uids:) in batches of 100
// (one RFC822.SIZE command per batch, then each message by UID). send: one SMTPSender, DIRECTORY/msgN.eml for
// N in 1...COUNT, each to one recipient. imaps:// and smtps:// URLs verify the server against the PEM file in
// MAILROOM_BENCH_CA_FILE; plain URLs use no TLS.
//
// relay: the gateway's traffic with no work in between (bench/e2e's "transport ceiling"), all at once. One task
// drains MAILBOX the way the poller does (STATUS and UID SEARCH for 200 at a time, their sizes in one command,
// bodies 50 to a UID FETCH on the bulk fetcher's connection, UID MOVE to PROCESSED every 1,000 and at the end)
// while CONNECTIONS SMTPSenders send DIRECTORY/msg1..SENDS.eml, each to one recipient, taking the next file as
// each finishes (as the outbox sender does). Nothing is parsed or stored. CPU is this process's user + system.
import Foundation
import MailTransport
import Synchronization

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

func relay(_ arguments: [String]) async throws {
    guard arguments.count == 9, let sends = Int(arguments[7]), let connections = Int(arguments[8]) else {
        fail("relay IMAP_URL USER PASSWORD MAILBOX PROCESSED SMTP_URL DIRECTORY SENDS CONNECTIONS")
    }
    let imap = IMAPConfiguration(
        url: arguments[0], credentials: .password(username: arguments[1], password: arguments[2]),
        tls: .required, caFile: caFile)
    let smtp = SMTPConfiguration(url: arguments[5], credentials: .none, tls: .none, caFile: caFile)
    let messages = try (0..<sends).map {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(arguments[6])/msg\($0 + 1).eml")))
    }
    let client = try IMAPClient(configuration: imap, mailbox: arguments[3])
    let bulk = try IMAPBulkSession(configuration: imap, mailbox: arguments[3])
    let senders = try (0..<connections).map { _ in try SMTPSender(configuration: smtp) }
    let next = Counter()
    let start = ContinuousClock.now
    async let fetched = drain(client, bulk, into: arguments[4])
    let sent = await withTaskGroup(of: Int.self) { group in
        for sender in senders {
            group.addTask {
                var count = 0
                while let index = next.take(below: messages.count) {
                    let result = await sender.send(
                        from: "support@shop.example", recipients: ["ceiling@example.com"], message: messages[index])
                    guard result.isComplete else { fail("send failed: \(result)") }
                    count += 1
                }
                return count
            }
        }
        return await group.reduce(0, +)
    }
    let total = try await fetched
    let elapsed = ContinuousClock.now - start
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let cpu = [usage.ru_utime, usage.ru_stime].reduce(0.0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
    print(String(format: "%.4f %d %d %.3f", seconds(elapsed), total, sent, cpu))
}

/// The poller's IMAP traffic for a whole mailbox: listings of 200, bodies 50 to a command, one move every 1,000
/// (on the bulk session, as the gateway moves when the server has MOVE).
func drain(_ client: IMAPClient, _ bulk: IMAPBulkSession, into processed: String) async throws -> Int {
    var after: UInt32 = 0
    var unmoved: [UInt32] = []
    var fetched = 0
    _ = try await client.createMailbox(processed)
    while true {
        let status = try await client.status()
        let uids = try await client.uids(after: after, limit: 200).sorted()
        guard let last = uids.last else { break }
        let sizes = try await client.messageSizes(uids: uids)
        for batch in stride(from: 0, to: uids.count, by: 50) {
            let group = Array(uids[batch..<min(batch + 50, uids.count)])
            let bodies = try await bulk.fetch(uids: group, maxSize: 1 << 20, uidValidity: status.uidValidity)
            guard bodies.count == group.count, group.allSatisfy({ bodies[$0]?.count == sizes[$0] }) else {
                fail("the bulk fetch returned \(bodies.count) of \(group.count) messages")
            }
            fetched += bodies.count
        }
        unmoved += uids
        if unmoved.count >= 1000 {
            try await bulk.move(uids: unmoved, to: processed, uidValidity: status.uidValidity)
            unmoved = []
        }
        after = last
    }
    if !unmoved.isEmpty { try await bulk.move(uids: unmoved, to: processed) }
    return fetched
}

/// The index of the next file to send, shared by the sending tasks.
final class Counter: Sendable {
    private let value = Mutex(0)

    func take(below limit: Int) -> Int? {
        value.withLock { value in
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "fetch": try await fetch(Array(arguments.dropFirst()))
    case "send": try await send(Array(arguments.dropFirst()))
    case "relay": try await relay(Array(arguments.dropFirst()))
    default: fail("usage: TransportBench fetch ... | send ... | relay ...")
    }
} catch {
    fail("TransportBench: \((error as? TransportError)?.message ?? "\(error)")")
}
