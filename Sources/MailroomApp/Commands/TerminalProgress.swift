import Foundation
import Synchronization

/// One line of progress on standard error, rewritten in place at most ten times a second, and only when standard
/// error is a terminal: in a pipe, a log file or a test it stays quiet.
final class TerminalProgress: Sendable {
    private let isShown: Bool
    private let lastShown = Mutex<ContinuousClock.Instant?>(nil)

    /// Creates a progress line; `enabled` false (or standard error not a terminal) shows nothing.
    init(enabled: Bool = true) {
        isShown = enabled && isatty(STDERR_FILENO) == 1
    }

    /// Shows `text` in place of the previous line (skipped when the last one is under 0.1 s old, unless `force`).
    func show(_ text: String, force: Bool = false) {
        guard isShown else { return }
        let now = ContinuousClock.now
        let due = lastShown.withLock { last -> Bool in
            guard force || last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
            last = now
            return true
        }
        if due { FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8)) }
    }

    /// Clears the line, when one was shown.
    func finish() {
        guard isShown, lastShown.withLock({ $0 }) != nil else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
