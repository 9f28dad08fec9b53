import MailTransport
import MailroomCore
import Synchronization

/// ``MailSender`` over SMTP: 2xx for every recipient is `sent`; a 4xx or a lost connection is `deferred`
/// (retry later); a refused login (535) or an untrusted certificate is `blocked` (our setup: kept, retried,
/// alerted); a 5xx for the message is `failed` (a person must look). Holds `smtp.connections` connections; each
/// send takes an idle one (connections open on first use and are kept).
final class SMTPMailSender: MailSender {
    private let senders: [SMTPSender]
    private let idle: Mutex<[Int]>

    var parallelism: Int { senders.count }

    init(settings: SMTPSettings, envelopeUser: String) throws {
        let credentials: Credentials
        if let token = settings.oauth2Token {
            credentials = .oauth2(username: settings.username ?? envelopeUser, bearerToken: token)
        } else if let username = settings.username {
            credentials = .password(username: username, password: settings.password ?? "")
        } else {
            credentials = .none
        }
        let configuration = SMTPConfiguration(
            url: settings.url, credentials: credentials, tls: settings.tls == .none ? .none : .required,
            caFile: settings.caFile, connectTimeout: .seconds(settings.timeoutSeconds))
        senders = try (0..<max(1, settings.connections)).map { _ in try SMTPSender(configuration: configuration) }
        idle = Mutex(Array(senders.indices))
    }

    func send(_ mail: OutgoingMail) async -> Delivery {
        // More sends than connections share one (its actor queues them): never more than asked for.
        let index = idle.withLock { $0.popLast() } ?? Int(mail.outboxID % Int64(senders.count))
        defer { idle.withLock { if !$0.contains(index) { $0.append(index) } } }
        let result = await senders[index].send(
            from: mail.envelope.from, recipients: mail.envelope.recipients, message: mail.raw)
        if result.isComplete { return .sent }
        if let error = result.error {
            if error.isConfigurationProblem { return .blocked(reason: error.message) }
            return error.isTransient ? .deferred(reason: error.message) : .failed(reason: error.message)
        }
        let problems = result.recipients.compactMap { recipient -> String? in
            switch recipient.delivery {
            case .delivered: return nil
            case .deferred(let error), .rejected(let error): return "\(recipient.address): \(error.message)"
            }
        }.joined(separator: "; ")
        return result.deferred.isEmpty ? .failed(reason: problems) : .deferred(reason: problems)
    }

    deinit {
        let senders = senders
        Task { for sender in senders { await sender.close() } }
    }
}
