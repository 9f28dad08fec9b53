import Foundation
import MailMessage

/// The single place that decides whether an incoming message may get automatic mail, and if not, why.
///
/// Checks, in order (the first that applies is the reason): our own mail; mail from one of our own addresses;
/// machine mail by kind (bounce,
/// delay notice, feedback report, read receipt, auto-reply, mailing list); a null Return-Path; no sender;
/// an automated sender or reply address; a DMARC failure; a pause of the answer address (after a bounce, or
/// a flood cool-down); the sliding-window limits per answer address. See ``SuppressionReason/Code`` for
/// which reasons still reach a person.
///
/// The limits count automatic mails already sent: with the default hour limit of 3, a sender with 3
/// automatic mails in the last hour is suppressed, so the fourth is never sent. When a rate-limit hit
/// makes ``Configuration/floodEpisodes`` separate episodes within a day, the verdict carries a cool-down in
/// ``LoopVerdict/startPause``: the caller stores it for the answer address and passes it back in
/// ``LoopCheck/pause``. The caller also records every suppression with its code, which is where
/// ``SenderHistory/rateLimitedAt`` comes from.
public struct LoopPolicy: Sendable {
    /// The length of the short sliding window.
    public static let hour: TimeInterval = 3600
    /// The length of the long sliding window.
    public static let day: TimeInterval = 24 * 3600

    /// The limits.
    public var configuration: Configuration

    /// Creates the policy.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The verdict for `check` at `now`.
    public func evaluate(_ check: LoopCheck, now: Date) -> LoopVerdict {
        if let reason = machineReason(check) ?? senderReason(check, now: now) {
            return LoopVerdict(.suppress(reason))
        }
        return rateVerdict(check.history, now: now)
    }

    /// The pause to store for an address our mail bounced from (see ``OwnBounce``).
    public func bouncePause(now: Date) -> SenderPause {
        SenderPause(until: now.addingTimeInterval(configuration.bouncePause), reason: .bounce)
    }

    /// The start of the hour window for ``SenderHistory/automaticLastHour`` (exclusive).
    public static func hourWindowStart(now: Date) -> Date { now.addingTimeInterval(-hour) }

    /// The start of the day window for ``SenderHistory/automaticLastDay`` and
    /// ``SenderHistory/rateLimitedAt`` (exclusive).
    public static func dayWindowStart(now: Date) -> Date { now.addingTimeInterval(-day) }

    /// Reasons that come from the message itself.
    private func machineReason(_ check: LoopCheck) -> SuppressionReason? {
        if check.isOwnMail { return SuppressionReason(.ownMail, "our own mail came back") }
        if check.fromOwnAddress {
            return SuppressionReason(.ownAddress, "\(check.sender ?? "the sender") is one of our own addresses")
        }
        if let code = Self.kindCodes[check.kind] {
            let evidence = check.kindEvidence.isEmpty ? check.kind.rawValue : check.kindEvidence
            return SuppressionReason(code, "\(check.kind.rawValue): \(evidence)")
        }
        switch check.returnPath {
        case .none where configuration.missingReturnPathIsNull:
            return SuppressionReason(.nullReturnPath, "no Return-Path")
        case .some(let path) where path.allSatisfy({ $0.isWhitespace || $0 == "<" || $0 == ">" }):
            return SuppressionReason(.nullReturnPath, "Return-Path: <>")
        default: break
        }
        guard let sender = check.sender, !sender.isEmpty else {
            return SuppressionReason(.missingSender, "no From address")
        }
        for address in [sender, check.replyAddress].compactMap(\.self) {
            if let pattern = AutomatedSender.match(address) {
                return SuppressionReason(.automatedSender, "\(address) looks automated (\(pattern))")
            }
        }
        return nil
    }

    /// Reasons that come from what we know about the sender.
    private func senderReason(_ check: LoopCheck, now: Date) -> SuppressionReason? {
        if check.dmarc.isFailure { return SuppressionReason(.dmarcFail, "dmarc=fail from the receiving server") }
        if let pause = check.pause, pause.isActive(at: now) {
            let until = pause.until.formatted(.iso8601)
            switch pause.reason {
            case .bounce:
                return SuppressionReason(.senderPaused, "our mail to the address bounced; paused until \(until)")
            case .floodCoolDown: return SuppressionReason(.senderCoolDown, "flood cool-down until \(until)")
            }
        }
        return nil
    }

    /// The sliding-window limits, and a cool-down when this hit completes enough episodes.
    private func rateVerdict(_ history: SenderHistory, now: Date) -> LoopVerdict {
        let detail: String
        if history.automaticLastHour >= configuration.hourLimit {
            detail = "\(history.automaticLastHour) automatic mails in the last hour (limit \(configuration.hourLimit))"
        } else if history.automaticLastDay >= configuration.dayLimit {
            detail = "\(history.automaticLastDay) automatic mails in the last day (limit \(configuration.dayLimit))"
        } else {
            return LoopVerdict(.allowAutomatic)
        }
        let episodes = Self.episodes(history.rateLimitedAt + [now], now: now)
        guard episodes >= configuration.floodEpisodes else {
            return LoopVerdict(.suppress(SuppressionReason(.rateLimited, detail)))
        }
        let pause = SenderPause(until: now.addingTimeInterval(configuration.coolDown), reason: .floodCoolDown)
        let reason = SuppressionReason(.rateLimited, detail + "; \(episodes) episodes in a day, cool-down starts")
        return LoopVerdict(.suppress(reason), startPause: pause)
    }

    /// The number of rate-limit episodes among `hits` within the day before `now`: a hit starts a new
    /// episode when it comes at least an hour after the start of the previous one.
    static func episodes(_ hits: [Date], now: Date) -> Int {
        let start = dayWindowStart(now: now)
        var count = 0
        var episodeStart: Date?
        for hit in hits.filter({ $0 > start && $0 <= now }).sorted() {
            if let episodeStart, hit.timeIntervalSince(episodeStart) < hour { continue }
            episodeStart = hit
            count += 1
        }
        return count
    }

    /// The suppression code of each machine kind.
    static let kindCodes: [MessageKind: SuppressionReason.Code] = [
        .bounce: .bounce, .delayNotice: .delayNotice, .autoReply: .autoReply, .mailingList: .mailingList,
        .feedbackReport: .feedbackReport, .readReceipt: .readReceipt,
    ]
}
