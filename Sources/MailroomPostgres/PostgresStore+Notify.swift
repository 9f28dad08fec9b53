import Foundation
import Logging
import MailroomStore
import NIOCore
import PostgresNIO

/// Work that another gateway may take: the NOTIFY payloads on the store's channel.
public enum StoreWork: String, Sendable {
    /// Stored messages wait to be processed.
    case process
    /// Outgoing mail waits to be sent.
    case send
}

extension PostgresStore {
    /// The channel of this store's notifications (one per schema, so two installations in one database never
    /// wake each other).
    var workChannel: String { "mailroom_\(location.schema)" }

    /// Tells every listening gateway, when the transaction commits, that `work` is waiting.
    func notify(_ session: PostgresSession, _ work: StoreWork) throws {
        try session.execute("SELECT pg_notify(\(workChannel), \(work.rawValue))")
    }

    /// Listens on a connection of its own and calls `handler` for every notification until the task is
    /// cancelled; reconnects after a lost connection (each gateway still polls, so a missed notification only
    /// delays work by a poll interval).
    public func listenForWork(_ handler: @escaping @Sendable (StoreWork) -> Void) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let connection = try await withCheckedThrowingContinuation { continuation in
                    DispatchQueue.global().async { [connections] in
                        continuation.resume(with: Result { try connections.dedicatedConnection() })
                    }
                }
                failures = 0
                do {
                    try await connection.listen(on: workChannel) { notifications in
                        for try await notification in notifications {
                            if let work = StoreWork(rawValue: notification.payload) { handler(work) }
                        }
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch {
                if Task.isCancelled { return }
                failures += 1
                try? await Task.sleep(for: .seconds(min(30, 1 << min(failures, 5))))
            }
        }
    }
}
