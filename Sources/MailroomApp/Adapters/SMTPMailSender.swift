import MailTransport
import MailroomCore

/// ``MailSender`` over SMTP: 2xx for every recipient is `sent`; a 4xx or a lost connection is `deferred`
/// (retry later); a refused login (535) or an untrusted certificate is `blocked` (our setup: kept, retried,
/// alerted); a 5xx for the message is `failed` (a person must look).
final class SMTPMailSender: MailSender {
    private let sender: SMTPSender

    init(settings: SMTPSettings, envelopeUser: String) throws {
        let credentials: Credentials
        if let token = settings.oauth2Token {
            credentials = .oauth2(username: settings.username ?? envelopeUser, bearerToken: token)
        } else if let username = settings.username {
            credentials = .password(username: username, password: settings.password ?? "")
        } else {
            credentials = .none
        }
        sender = try SMTPSender(
            configuration: SMTPConfiguration(
                url: settings.url, credentials: credentials, tls: settings.tls == .none ? .none : .required,
                caFile: settings.caFile, connectTimeout: .seconds(settings.timeoutSeconds)))
    }

    func send(_ mail: OutgoingMail) async -> Delivery {
        let result = await sender.send(
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
        let sender = sender
        Task { await sender.close() }
    }
}
