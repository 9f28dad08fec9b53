import Foundation
import Logging
import MailroomPostgres
import MailroomStore
import ServiceLifecycle

/// This gateway's part in a shared store (PostgreSQL): a heartbeat every third of `store.leaseSeconds`, the
/// sends of gateways that stopped beating queued again, notifications from other gateways ringing the local
/// bells, and on shutdown (after the sender has drained: it is the last service to stop) the gateway marked
/// stopped and its leases given up.
struct GatewayPresence: Service {
    let store: PostgresStore
    let leases: [LeaseKeeper]
    let processorBell: Doorbell
    let senderBell: Doorbell
    let logger: Logger
    let now: @Sendable () -> Date

    var interval: Duration { .seconds(max(1, Int(store.leaseDuration.components.seconds) / 3)) }

    func run() async throws {
        let listener = Task { [store, processorBell, senderBell] in
            await store.listenForWork { work in
                switch work {
                case .process: processorBell.ring()
                case .send: senderBell.ring()
                }
            }
        }
        defer { listener.cancel() }
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            beat()
            _ = try? await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
        }
        for lease in leases { lease.release() }
        try? store.stopped(now: now())
        logger.info("gateway stopped; its leases are free", metadata: ["mailroom.gateway": "\(store.gatewayID)"])
    }

    /// One heartbeat, and the sends of gone gateways taken over.
    func beat() {
        do {
            try store.heartbeat(now: now())
            let recovered = try store.recoverInterruptedSends(now: now())
            if recovered > 0 {
                logger.warning(
                    "sends of a stopped gateway queued again", metadata: ["mailroom.outbox.recovered": "\(recovered)"])
                senderBell.ring()
            }
        } catch {
            logger.error("heartbeat failed", metadata: ["error": "\(RunError.detail(error))"])
        }
    }
}
