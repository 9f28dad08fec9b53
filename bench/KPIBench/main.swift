// KPI benchmark driven by bench/kpis (not a test): builds stores of synthetic tickets spread over a year (with
// feedback, escalation and suppression events), rebuilds their daily rollups, then times `stats` (the report from
// the rollups) against the reference in the same run: the same report computed from every ticket of the period.
// Both must agree. Prints one table.
import Foundation
import GRDB
import MailroomCore
import MailroomStore
import Triage

let intents = [
    "track_order", "get_refund", "cancel_order", "change_shipping_address", "get_invoice", "payment_issue",
    "recover_password", "delivery_options", "complaint", "contact_human_agent", "check_refund_policy", "review",
]
let languages = ["en", "en", "en", "de", "fr", "es"]
let reasons = ["lowConfidence", "alwaysEscalateIntent", "criticalUrgency", "unhappyCustomerAtRisk"]
let suppressions = ["bounce", "autoReply", "mailingList", "automatedSender", "rateLimited"]

func seconds(_ block: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try block()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Fills the store at `path` with `count` tickets received over the 365 days before `now`.
func build(path: String, count: Int, now: Date) throws {
    _ = try SQLiteStore(path: path)
    let queue = try DatabaseQueue(path: path)
    var random = SeededGenerator(seed: UInt64(count))
    try queue.write { db in
        let ticket = try db.makeStatement(
            sql: """
                INSERT INTO ticket (publicId, customerEmail, subject, status, intent, confidence, language, receivedAt,
                  updatedAt, autoAnsweredAt, firstResponseAt, firstAutoResponseAt, firstHumanResponseAt, escalatedAt,
                  agentAnsweredAt, resolvedAt, closedAt, customerFollowUpAt, contradicted, reopenCount,
                  firstResponseDueAt, resolutionDueAt, threadReferences, automaticReplies, participants)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 0, '[]')
                """)
        let event = try db.makeStatement(
            sql: "INSERT INTO event (ticketId, at, type, reason, detail) VALUES (?, ?, ?, ?, 'bench')")
        let search = try db.makeStatement(
            sql: "INSERT INTO ticketSearch (rowid, subject, customer, body) VALUES (?, ?, ?, ?)")
        let feedback = try db.makeStatement(
            sql: """
                INSERT INTO feedback (ticketId, nonce, answer, rating, createdAt, updatedAt) VALUES (?, 'n', ?, ?, ?, ?)
                """)
        for index in 0..<count {
            let received = now.addingTimeInterval(-Double.random(in: 0..<(365 * 86_400), using: &random))
            let roll = Double.random(in: 0..<1, using: &random)
            let intent = intents.randomElement(using: &random)!
            var status = "auto_replied"
            var auto: Date?
            var first: Date?
            var firstAuto: Date?
            var firstHuman: Date?
            var escalated: Date?
            var agent: Date?
            var resolved: Date?
            var closed: Date?
            var followUp: Date?
            var contradicted = false
            var reopens = 0
            let age = now.timeIntervalSince(received)
            if roll < 0.6 {
                auto = received.addingTimeInterval(Double.random(in: 1..<30, using: &random))
                firstAuto = auto?.addingTimeInterval(Double.random(in: 1..<120, using: &random))
                first = firstAuto
                resolved = auto
                if Double.random(in: 0..<1, using: &random) < 0.12 {
                    followUp = auto?.addingTimeInterval(Double.random(in: 60..<(200 * 3600), using: &random))
                    contradicted = Double.random(in: 0..<1, using: &random) < 0.4
                }
            } else if roll < 0.95 || age > 30 * 86_400 {
                status = roll < 0.9 ? "answered" : "closed"
                escalated = received.addingTimeInterval(5)
                agent = received.addingTimeInterval(exp(Double.random(in: 4..<13, using: &random)))
                firstHuman = agent?.addingTimeInterval(5)
                first = firstHuman
                resolved = agent
                if status == "closed" { closed = agent?.addingTimeInterval(3600) }
                reopens = Double.random(in: 0..<1, using: &random) < 0.05 ? 1 : 0
            } else {
                status = Bool.random(using: &random) ? "open" : "escalated"
                escalated = status == "escalated" ? received.addingTimeInterval(5) : nil
            }
            try ticket.execute(arguments: [
                "MR-\(String(index, radix: 36).uppercased())", "c\(index % 50_000)@example.com",
                "Order \(index): \(intent.replacingOccurrences(of: "_", with: " "))", status, intent,
                Double.random(in: 0.3..<1, using: &random), languages.randomElement(using: &random)!, received,
                received, auto, first, firstAuto, firstHuman, escalated, agent, resolved, closed, followUp,
                contradicted, reopens, received.addingTimeInterval(8 * 3600), received.addingTimeInterval(72 * 3600),
            ])
            let id = db.lastInsertedRowID
            try search.execute(arguments: [
                id, "Order \(index): \(intent.replacingOccurrences(of: "_", with: " "))",
                "c\(index % 50_000)@example.com",
                "Hello, about my order \(index) and \(intent.replacingOccurrences(of: "_", with: " ")). Thanks",
            ])
            if let escalated {
                try event.execute(arguments: [
                    id, escalated, "escalated", reasons.randomElement(using: &random)!,
                ])
            }
            if Double.random(in: 0..<1, using: &random) < 0.05 {
                try event.execute(arguments: [nil, received, "suppressed", suppressions.randomElement(using: &random)!])
            }
            if first != nil, Double.random(in: 0..<1, using: &random) < 0.1 {
                let yes = Double.random(in: 0..<1, using: &random) < 0.8
                try feedback.execute(arguments: [
                    id, yes ? "yes" : "no", Int.random(in: yes ? 3...5 : 1...3, using: &random), received, received,
                ])
            }
        }
    }
}

/// Whether two reports agree (sums of confidences may differ in the last bits with the order of addition).
func agree(_ a: KPIReport?, _ b: KPIReport?) throws -> Bool {
    guard let a, let b else { return false }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    func figures(_ report: KPIReport) throws -> [String: Any] {
        var object = try JSONSerialization.jsonObject(with: try encoder.encode(report)) as? [String: Any] ?? [:]
        object["generatedAt"] = nil
        return object
    }
    func same(_ x: Any?, _ y: Any?, _ path: String) -> Bool {
        if let x = x as? [String: Any], let y = y as? [String: Any] {
            return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0], y[$0], path + "." + $0) }
        }
        if let x = x as? [Any], let y = y as? [Any] {
            return x.count == y.count && zip(x, y).enumerated().allSatisfy { same($1.0, $1.1, path + "[\($0)]") }
        }
        if let x = x as? NSNumber, let y = y as? NSNumber {
            let equal = abs(x.doubleValue - y.doubleValue) <= 1e-9 * max(1, abs(x.doubleValue))
            if !equal { FileHandle.standardError.write(Data("differs at \(path): \(x) vs \(y)\n".utf8)) }
            return equal
        }
        let equal = "\(String(describing: x))" == "\(String(describing: y))"
        if !equal { FileHandle.standardError.write(Data("differs at \(path)\n".utf8)) }
        return equal
    }
    return same(try figures(a), try figures(b), "")
}

func row(_ cells: [String]) -> String {
    zip(cells, [10, 9, 10, 14, 15, 13, 7, 5]).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
        .joined(separator: " ")
}

let now = Date()
// `KPIBench --keep PATH COUNT`: builds one store with its rollups at PATH and stops (bench/console serves it).
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "--keep", let count = Int(CommandLine.arguments[3]) {
    let path = CommandLine.arguments[2]
    let built = try seconds { try build(path: path, count: count, now: now) }
    try SQLiteStore(path: path).rebuildKPIRollups()
    print(String(format: "built %d tickets in %.1f s: %@", count, built, path))
    exit(0)
}
let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
print(row(["tickets", "build s", "rollup s", "stats 30 d s", "stats 365 d s", "ref 365 d s", "ratio", "same"]))
for count in sizes.isEmpty ? [10_000, 100_000, 1_000_000] : sizes {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpibench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("bench.sqlite").path
    let built = try seconds { try build(path: path, count: count, now: now) }
    let store = try SQLiteStore(path: path)
    let rollup = try seconds { try store.rebuildKPIRollups() }
    let month = now.addingTimeInterval(-30 * 86_400)
    let year = now.addingTimeInterval(-366 * 86_400)
    _ = try store.kpis(since: month, until: now, now: now)  // warm the page cache like a running server
    var monthly: KPIReport?
    var yearly: KPIReport?
    var reference: KPIReport?
    let month30 = try seconds { monthly = try store.kpis(since: month, until: now, now: now) }
    let year365 = try seconds { yearly = try store.kpis(since: year, until: now, now: now) }
    let ref = try seconds { reference = try store.kpis(since: year, until: now, now: now, source: .tickets) }
    _ = monthly
    print(
        row([
            String(count), String(format: "%.1f", built), String(format: "%.1f", rollup),
            String(format: "%.3f", month30), String(format: "%.3f", year365), String(format: "%.3f", ref),
            String(format: "%.1fx", ref / year365), try agree(yearly, reference) ? "yes" : "NO",
        ]))
}
