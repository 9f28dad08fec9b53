import Foundation
import Logging
import MailMessage
import MailroomCore
import MailroomStore

/// `mailroom replay FILE.eml|DIR [--config FILE]`: runs the whole decision path on stored messages and shows
/// what would be sent to whom and why, sending nothing. Uses a throw-away database seeded with the configured
/// one's knowledge base, so the real store is never written.
public enum ReplayMessages {
    /// One replayed message.
    public struct Line: Sendable, Codable {
        /// The file.
        public var file: String
        /// The outcome (`auto-replied`, `escalated`, `suppressed: ...`, `quarantined: ...`).
        public var outcome: String
        /// The ticket's public id.
        public var ticket: String?
        /// Intent and confidence.
        public var intent: String?
        /// Confidence.
        public var confidence: Double?
        /// Why (the decision's reasons).
        public var reason: String?
        /// What would be sent: purpose, recipients, subject.
        public var mail: [String]
    }

    /// Replays `paths` (files, or directories of `.eml` files) with the configuration at `configPath`.
    public static func run(paths: [String], configPath: String?, logger: Logger) async throws -> [Line] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailroom-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var configuration = try await replayConfiguration(configPath: configPath, scratch: scratch)
        let knowledge = (try? configuration.store.open().knowledge()) ?? []
        configuration.storePath = scratch.appendingPathComponent("replay.sqlite").path
        for folder in ["in/new", "in/cur", "in/tmp"] {
            try FileManager.default.createDirectory(
                at: scratch.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        configuration.source = .maildir(path: scratch.appendingPathComponent("in").path)
        configuration.sink = .maildir(path: scratch.appendingPathComponent("out").path)
        configuration.mailroom.mode = .shadow
        configuration.metricsPath = nil
        let gateway = try Gateway(configuration: configuration, logger: logger)
        try seed(gateway, knowledge: knowledge)
        var lines: [Line] = []
        for file in try files(paths) {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            let ingested = try gateway.store.ingest(IngestRequest(raw: bytes, source: "replay", receivedAt: Date()))
            guard case .stored = ingested else {
                lines.append(Line(file: file, outcome: "duplicate of an earlier file", mail: []))
                continue
            }
            let results = try gateway.processor.processAll()
            lines.append(try line(file: file, result: results.last, store: gateway.store))
        }
        return lines
    }

    private static func replayConfiguration(configPath: String?, scratch: URL) async throws -> GatewayConfiguration {
        if let configPath { return try await ConfigurationLoader.load(path: configPath) }
        let yaml = scratch.appendingPathComponent("replay.yaml")
        try DemoDefaults.yaml(templates: nil).write(
            to: yaml, atomically: true, encoding: .utf8)
        return try await ConfigurationLoader.load(path: yaml.path, environment: [:])
    }

    private static func seed(_ gateway: Gateway, knowledge: [KnowledgeEntry]) throws {
        try gateway.store.seedApprovedKnowledge(knowledge, now: Date())
    }

    private static func files(_ paths: [String]) throws -> [String] {
        try paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReplayError(message: "\(path) does not exist")
            }
            guard isDirectory.boolValue else { return [path] }
            return try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".eml") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
        }
    }

    private static func line(file: String, result: ProcessResult?, store: any MailroomStorage) throws -> Line {
        guard let result else { return Line(file: file, outcome: "not processed", mail: []) }
        let ticket = try result.ticketPublicID.flatMap { try store.ticket(publicID: $0) }
        let summary = try store.ticketSummaries(limit: 1000).first { $0.publicID == result.ticketPublicID }
        let mail = try store.outboxSummaries().filter {
            $0.ticket == result.ticketPublicID && result.ticketPublicID != nil
        }
        .reversed().suffix(result.queued).map {
            "\($0.purpose) -> \($0.recipients.joined(separator: ", ")): \($0.subject)"
        }
        return Line(
            file: file, outcome: result.summary.text, ticket: result.ticketPublicID, intent: ticket?.intent,
            confidence: ticket?.confidence, reason: summary?.reason, mail: Array(mail))
    }
}

/// A replay that cannot start.
public struct ReplayError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What went wrong.
    public var message: String
    /// The message.
    public var description: String { message }
    /// The message, for the command line.
    public var errorDescription: String? { message }
}
