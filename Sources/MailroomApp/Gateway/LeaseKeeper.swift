import Foundation
import MailroomStore
import Synchronization

/// One lease this gateway keeps on a shared store (a mailbox's polling, the alert checks): taken when free,
/// renewed while held, given up on shutdown. On a store of one gateway (SQLite) there is no keeper: everything
/// is this gateway's.
final class LeaseKeeper: Sendable {
    let store: any MailroomStorage
    /// What the lease is for (a mailbox's checkpoint name, or `mailroom:alerts`).
    let name: String
    let holder: String
    let duration: Duration
    private let current = Mutex<MailboxLease?>(nil)

    init(store: any MailroomStorage, name: String, holder: String, duration: Duration) {
        self.store = store
        self.name = name
        self.holder = holder
        self.duration = duration
    }

    /// Takes or renews the lease; returns its fencing token, or nil while another gateway holds it.
    func hold(now: Date) throws -> Int64? {
        let held = current.withLock { $0 }
        var next: MailboxLease?
        if let held { next = try store.renewLease(held, duration: duration, now: now) }
        if next == nil { next = try store.acquireLease(mailbox: name, holder: holder, duration: duration, now: now) }
        current.withLock { $0 = next }
        return next?.token
    }

    /// Whether this gateway held the lease at its last renewal.
    var isHeld: Bool { current.withLock { $0 != nil } }

    /// Forgets the lease (the store said another gateway has it now).
    func lost() {
        current.withLock { $0 = nil }
    }

    /// Gives the lease up, so another gateway takes over at once.
    func release() {
        guard
            let held = current.withLock({ lease -> MailboxLease? in
                defer { lease = nil }
                return lease
            })
        else { return }
        try? store.releaseLease(held)
    }
}
