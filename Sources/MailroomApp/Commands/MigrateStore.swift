import Foundation
import MailroomPostgres
import MailroomStore

/// `mailroom migrate-store --to postgresql://...`: copies the configured SQLite store (or `--from FILE`) into an
/// empty PostgreSQL database, in one transaction, and verifies every table's row count before it commits. The
/// gateway then runs on it unchanged, with `store.url` instead of `store.path`.
public enum MigrateStore {
    /// What the copy did.
    public struct Result: Sendable {
        /// Each table's rows in SQLite and in PostgreSQL.
        public var tables: [(table: String, source: Int, copied: Int)]
        /// The target, without secrets.
        public var target: String
        /// The SQLite file.
        public var source: String
        /// Seconds the copy took.
        public var seconds: Double

        /// The report for people.
        public var text: String {
            var lines = ["copied \(source) into \(target) in \(String(format: "%.1f", seconds)) s", ""]
            lines.append("table".padding(toLength: 18, withPad: " ", startingAt: 0) + "   sqlite  postgresql")
            for row in tables {
                let name = row.table.padding(toLength: 18, withPad: " ", startingAt: 0)
                lines.append(
                    name + String(format: "%9d %11d", row.source, row.copied) + (row.source == row.copied ? "" : "  !"))
            }
            lines += [
                "", "verified: every table has as many rows as in SQLite.",
                "To run on it: replace store.path with store.url: \(target) in the configuration, and give the "
                    + "password as MAILROOM_STORE_PASSWORD.",
            ]
            return lines.joined(separator: "\n")
        }
    }

    /// Copies; `password` is the PostgreSQL user's (from `MAILROOM_STORE_PASSWORD`).
    public static func run(configPath: String?, from path: String?, to url: String, password: String?) async throws
        -> Result
    {
        let location = try PostgresLocation(url: url)
        let sourcePath: String
        if let path {
            sourcePath = path
        } else if let configPath {
            let configuration = try await ConfigurationLoader.load(path: configPath)
            guard let path = configuration.store.sqlitePath else {
                throw MigrateStoreError("the configured store is already PostgreSQL; give the SQLite file with --from")
            }
            sourcePath = path
        } else {
            throw MigrateStoreError("give the SQLite file with --from, or a configuration with --config")
        }
        guard FileManager.default.fileExists(atPath: sourcePath) else {
            throw MigrateStoreError("no SQLite store at \(sourcePath)")
        }
        // No gateway may write the file while it is copied.
        let lock = try StoreLock(storePath: sourcePath)
        defer { lock.release() }
        let progress = TerminalProgress()
        let source = try SQLiteStore(path: sourcePath) { progress.show("store migration: \($0)") }
        let target = try PostgresStore(location: location, password: password, poolSize: 2)
        defer { target.close() }
        let start = ContinuousClock.now
        let report = try target.importStore(from: source) { table, copied, total in
            progress.show("copying \(table): \(copied) of \(total) rows")
        }
        progress.finish()
        let elapsed = ContinuousClock.now - start
        return Result(
            tables: report.tables, target: url, source: sourcePath,
            seconds: elapsed.seconds)
    }
}

/// Why a store cannot be copied.
public struct MigrateStoreError: Error, CustomStringConvertible, LocalizedError {
    /// What is wrong.
    public let description: String
    init(_ description: String) { self.description = description }
    /// The same, for people.
    public var errorDescription: String? { description }
}
