import Foundation
import MailMessage
import Testing

@testable import MailroomCore

@Suite struct LoopPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_741_600_000)
    private let policy = LoopPolicy()

    /// A normal customer message: nothing suppresses it.
    static func customer(_ change: (inout LoopCheck) -> Void = { _ in }) -> LoopCheck {
        var check = LoopCheck(
            kind: .normal, kindEvidence: "no automation markers", sender: "anna@customer.example",
            returnPath: "anna@customer.example", dmarc: .pass)
        change(&check)
        return check
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var check: LoopCheck
        var expected: SuppressionReason.Code?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "normal", check: customer(), expected: nil),
        Case(name: "DMARC unknown is not a failure", check: customer { $0.dmarc = .unknown }, expected: nil),
        Case(name: "DMARC temperror is not a failure", check: customer { $0.dmarc = .tempError }, expected: nil),
        Case(name: "bounce", check: customer { $0.kind = .bounce }, expected: .bounce),
        Case(name: "delay notice", check: customer { $0.kind = .delayNotice }, expected: .delayNotice),
        Case(name: "auto-reply", check: customer { $0.kind = .autoReply }, expected: .autoReply),
        Case(name: "mailing list", check: customer { $0.kind = .mailingList }, expected: .mailingList),
        Case(name: "feedback report", check: customer { $0.kind = .feedbackReport }, expected: .feedbackReport),
        Case(name: "read receipt", check: customer { $0.kind = .readReceipt }, expected: .readReceipt),
        Case(name: "own mail", check: customer { $0.isOwnMail = true }, expected: .ownMail),
        Case(
            name: "own mail before kind",
            check: customer {
                $0.isOwnMail = true
                $0.kind = .autoReply
            }, expected: .ownMail),
        Case(name: "null Return-Path", check: customer { $0.returnPath = "" }, expected: .nullReturnPath),
        Case(name: "Return-Path <>", check: customer { $0.returnPath = "<>" }, expected: .nullReturnPath),
        // Only `Return-Path: <>` is null (RFC 3834, RFC 5321); a missing header is unknown: answered as usual.
        Case(name: "absent Return-Path", check: customer { $0.returnPath = nil }, expected: nil),
        Case(name: "from our own address", check: customer { $0.fromOwnAddress = true }, expected: .ownAddress),
        Case(name: "no sender", check: customer { $0.sender = nil }, expected: .missingSender),
        Case(name: "empty sender", check: customer { $0.sender = "" }, expected: .missingSender),
        Case(
            name: "noreply sender", check: customer { $0.sender = "no-reply@shop.example" }, expected: .automatedSender),
        Case(
            name: "mailer-daemon", check: customer { $0.sender = "MAILER-DAEMON@mx.example" },
            expected: .automatedSender),
        Case(
            name: "automated reply address", check: customer { $0.replyAddress = "donotreply@shop.example" },
            expected: .automatedSender),
        Case(name: "DMARC fail", check: customer { $0.dmarc = .fail }, expected: .dmarcFail),
        Case(
            name: "kind before DMARC",
            check: customer {
                $0.dmarc = .fail
                $0.kind = .bounce
            }, expected: .bounce),
        Case(
            name: "bounce pause", check: customer { $0.pause = SenderPause(until: now + 60, reason: .bounce) },
            expected: .senderPaused),
        Case(
            name: "flood cool-down",
            check: customer { $0.pause = SenderPause(until: now + 60, reason: .floodCoolDown) },
            expected: .senderCoolDown),
        Case(
            name: "expired pause", check: customer { $0.pause = SenderPause(until: now, reason: .bounce) },
            expected: nil),
        Case(name: "hour limit", check: customer { $0.history.automaticLastHour = 3 }, expected: .rateLimited),
        Case(name: "day limit", check: customer { $0.history.automaticLastDay = 10 }, expected: .rateLimited),
    ]

    @Test(arguments: cases)
    func decides(testCase: Case) {
        let verdict = policy.evaluate(testCase.check, now: Self.now)
        #expect(verdict.suppression?.code == testCase.expected)
        #expect(verdict.allowsAutomatic == (testCase.expected == nil))
        if let reason = verdict.suppression {
            #expect(!reason.detail.isEmpty)
            #expect(!reason.detail.contains("\n"))
        }
    }

    @Test func everyCodeIsReachable() {
        let reached = Set(Self.cases.compactMap(\.expected))
        #expect(reached == Set(SuppressionReason.Code.allCases))
    }

    @Test(arguments: [
        (SuppressionReason.Code.dmarcFail, true), (.automatedSender, true), (.nullReturnPath, true),
        (.missingSender, true), (.senderPaused, true), (.rateLimited, false), (.ownMail, false),
        (.senderCoolDown, false), (.bounce, false), (.autoReply, false), (.mailingList, false),
        (.feedbackReport, false), (.readReceipt, false), (.delayNotice, false),
    ])
    func whoReachesAPerson(code: SuppressionReason.Code, expected: Bool) {
        #expect(code.reachesPerson == expected)
    }

    /// The limit is the number allowed: with N already sent, the next one is suppressed.
    @Test(arguments: [(0, 0, true), (2, 2, true), (3, 3, false), (2, 9, true), (2, 10, false), (9, 9, false)])
    func rateLimitBoundaries(lastHour: Int, lastDay: Int, allowed: Bool) {
        let check = Self.customer { $0.history = SenderHistory(automaticLastHour: lastHour, automaticLastDay: lastDay) }
        #expect(policy.evaluate(check, now: Self.now).allowsAutomatic == allowed)
    }

    @Test func limitsAreConfigurable() {
        let strict = LoopPolicy(configuration: .init(hourLimit: 1, dayLimit: 2))
        let once = Self.customer { $0.history = SenderHistory(automaticLastHour: 1, automaticLastDay: 1) }
        #expect(!strict.evaluate(once, now: Self.now).allowsAutomatic)
        #expect(policy.evaluate(once, now: Self.now).allowsAutomatic)
        let none = LoopPolicy(configuration: .init(hourLimit: -5))
        #expect(none.configuration.hourLimit == 0)
        #expect(!none.evaluate(Self.customer(), now: Self.now).allowsAutomatic)
        let lenient = LoopPolicy(configuration: .init(missingReturnPathIsNull: false))
        #expect(lenient.evaluate(Self.customer { $0.returnPath = nil }, now: Self.now).allowsAutomatic)
        #expect(!lenient.evaluate(Self.customer { $0.returnPath = "" }, now: Self.now).allowsAutomatic)
    }

    /// Earlier rate-limit hits (minutes before now) -> whether this hit starts a cool-down.
    @Test(arguments: [
        ([], false),
        ([10], false),  // same burst: one episode
        ([59], false),
        ([60], true),  // an hour earlier: a second episode
        ([300], true),
        ([1439], true),
        ([1440], false),  // exactly a day ago is outside the window
        ([2000], false),
        ([100, 90, 80], true),
        ([30, 20, 10], false),
    ])
    func coolDownAfterTwoEpisodesInADay(minutesAgo: [Int], coolsDown: Bool) throws {
        let hits = minutesAgo.map { Self.now - TimeInterval($0 * 60) }
        let check = Self.customer {
            $0.history = SenderHistory(automaticLastHour: 3, automaticLastDay: 5, rateLimitedAt: hits)
        }
        let verdict = policy.evaluate(check, now: Self.now)
        #expect(verdict.suppression?.code == .rateLimited)
        #expect((verdict.startPause != nil) == coolsDown)
        if let pause = verdict.startPause {
            #expect(pause == SenderPause(until: Self.now + 24 * 3600, reason: .floodCoolDown))
        }
    }

    @Test func noCoolDownWithoutAHit() {
        let check = Self.customer { $0.history = SenderHistory(automaticLastHour: 1, rateLimitedAt: [Self.now - 7200]) }
        let verdict = policy.evaluate(check, now: Self.now)
        #expect(verdict.allowsAutomatic)
        #expect(verdict.startPause == nil)
    }

    @Test func episodesAreCountedWithinTheDay() {
        let hits = [-30, -90, -150, -1500].map { Self.now + TimeInterval($0 * 60) }
        #expect(LoopPolicy.episodes(hits, now: Self.now) == 3)
        #expect(LoopPolicy.episodes([], now: Self.now) == 0)
        #expect(LoopPolicy.episodes([Self.now + 60], now: Self.now) == 0)
    }

    @Test func bouncePauseAndWindows() {
        #expect(policy.bouncePause(now: Self.now) == SenderPause(until: Self.now + 7 * 24 * 3600, reason: .bounce))
        #expect(LoopPolicy.hourWindowStart(now: Self.now) == Self.now - 3600)
        #expect(LoopPolicy.dayWindowStart(now: Self.now) == Self.now - 86400)
    }

    @Test func answerAddressPrefersReplyTo() {
        #expect(Self.customer().answerAddress == "anna@customer.example")
        #expect(
            Self.customer { $0.replyAddress = "<Anna.Work@Corp.Example>" }.answerAddress == "anna.work@corp.example")
        #expect(Self.customer { $0.sender = nil }.answerAddress == nil)
    }

    /// The demo mails through the whole chain: kind, sender, Return-Path and the receiving server's DMARC.
    @Test(arguments: [
        ("01-track-order-plain-ascii.eml", nil),
        ("08-reply-gmail-quoted-payment-methods.eml", nil),
        ("28-bounce-dsn-multipart-report.eml", SuppressionReason.Code.bounce),
        ("29-out-of-office-auto-reply.eml", .autoReply),
        ("30-mailing-list-digest.eml", .mailingList),
        ("31-noreply-carrier-notification.eml", .automatedSender),
        ("36-dmarc-fail-refund-to-other-account.eml", .dmarcFail),
    ])
    func demoMails(name: String, expected: SuppressionReason.Code?) throws {
        let message = try DemoMail.message(name)
        let dmarc = SenderAuthentication(authservID: "mx.shop.example").verdict(for: message).dmarc
        let check = LoopCheck(message: message, isOwnMail: false, dmarc: dmarc)
        #expect(policy.evaluate(check, now: Self.now).suppression?.code == expected)
    }

    @Test func everyOrdinaryDemoMailIsAllowed() throws {
        let reader = SenderAuthentication(authservID: "mx.shop.example")
        for name in DemoMail.names() where !["28", "29", "30", "31", "36"].contains(String(name.prefix(2))) {
            let message = try DemoMail.message(name)
            let check = LoopCheck(message: message, isOwnMail: false, dmarc: reader.verdict(for: message).dmarc)
            #expect(policy.evaluate(check, now: Self.now).allowsAutomatic, "\(name)")
        }
    }
}
