import Foundation

extension LoopPolicy {
    /// The loop policy's limits. Every value has a default; negative limits count as zero.
    public struct Configuration: Hashable, Sendable {
        /// Automatic mails allowed per address in any sliding hour. Default 3: the fourth is suppressed.
        public var hourLimit: Int
        /// Automatic mails allowed per address in any sliding day (24 h). Default 10.
        public var dayLimit: Int
        /// How many separate rate-limit episodes within a day start a cool-down. Default 2: a sender
        /// who runs into a limit, and again at least an hour later, is cooled down. Hits less than an hour
        /// after the start of an episode belong to it.
        public var floodEpisodes: Int
        /// How long a flooding address gets no automatic mail. Default 24 h.
        public var coolDown: TimeInterval
        /// How long an address gets no automatic mail after our mail to it bounced. Default 7 days: a dead
        /// mailbox is not hit again by every update of its ticket, and a customer whose mailbox was only
        /// full is answered automatically again the week after.
        public var bouncePause: TimeInterval
        /// Whether a message without any Return-Path is treated like one with the null reverse path `<>`.
        /// Default false: only `Return-Path: <>` is null (RFC 3834 section 2, RFC 5321 section 4.5.5). Imported
        /// mail, some hosted mailboxes and a Maildir drop carry no Return-Path at all; that is unknown, not null,
        /// and the From address is answered as usual (the pipeline notes it in the audit trail).
        public var missingReturnPathIsNull: Bool

        /// Creates a configuration; each parameter defaults to the documented value.
        public init(
            hourLimit: Int = 3, dayLimit: Int = 10, floodEpisodes: Int = 2, coolDown: TimeInterval = 24 * 3600,
            bouncePause: TimeInterval = 7 * 24 * 3600, missingReturnPathIsNull: Bool = false
        ) {
            self.hourLimit = max(0, hourLimit)
            self.dayLimit = max(0, dayLimit)
            self.floodEpisodes = max(1, floodEpisodes)
            self.coolDown = max(0, coolDown)
            self.bouncePause = max(0, bouncePause)
            self.missingReturnPathIsNull = missingReturnPathIsNull
        }
    }
}
