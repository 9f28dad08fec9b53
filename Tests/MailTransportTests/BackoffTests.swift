import Testing

@testable import MailTransport

@Suite struct BackoffTests {
    @Test func doublesUpToTheMaximum() {
        let backoff = Backoff(initial: .milliseconds(250), maximum: .seconds(2), attempts: 5)
        #expect(
            (0..<6).map(backoff.delay(beforeRetry:)) == [
                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(2), .seconds(2),
            ])
    }

    @Test func atLeastOneAttempt() {
        #expect(Backoff(attempts: 0).attempts == 1)
    }
}
