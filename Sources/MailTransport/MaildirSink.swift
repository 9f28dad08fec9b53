import Foundation

/// Delivers messages into a Maildir the way an MTA does: write into `tmp/`, fsync the file, rename into `new/`,
/// fsync `new/`. A message is either completely there or not at all, and survives a crash once `deliver` returns.
public struct MaildirSink: Sendable {
    /// The Maildir root (the folder holding `tmp/`, `new/` and `cur/`).
    public let directory: String

    /// Opens a Maildir, creating it and its three folders when `create` is true.
    public init(directory: String, create: Bool = true) throws(TransportError) {
        self.directory = directory
        for sub in ["", "/tmp", "/new", "/cur"] {
            if create {
                try MaildirFile.ensureDirectory(directory + sub)
            } else if !FileManager.default.fileExists(atPath: directory + sub) {
                throw TransportError(
                    .storageFailed, transient: false, message: "Maildir: \(directory + sub) does not exist.")
            }
        }
    }

    /// Stores one message durably; returns its file name in `new/`.
    @discardableResult
    public func deliver(_ message: [UInt8]) throws(TransportError) -> String {
        let name = MaildirName.unique()
        let temporary = "\(directory)/tmp/\(name)"
        try MaildirFile.writeNew(temporary, message)
        do {
            try MaildirFile.rename(temporary, "\(directory)/new/\(name)")
        } catch {
            unlink(temporary)
            throw error
        }
        try MaildirFile.syncDirectory("\(directory)/new")
        return name
    }
}

extension MaildirSink {
    /// Stores one message under a name derived from `key` (e.g. its outbox row and Message-ID), once: when a file of that name is
    /// already in `new/` (or, with `checkCurrent`, in `cur/`), nothing is written. So re-sending the same message
    /// after a crash leaves one copy. Returns whether it wrote the message.
    @discardableResult
    public func deliverOnce(_ message: [UInt8], key: String, checkCurrent: Bool) throws(TransportError) -> Bool {
        let name = MaildirName.stable(key)
        if checkCurrent, try MaildirFile.list(directory + "/cur").contains(where: { $0.hasPrefix(name + ":2,") }) {
            return false
        }
        let temporary = "\(directory)/tmp/\(MaildirName.unique())"
        try MaildirFile.writeNew(temporary, message)
        defer { unlink(temporary) }
        guard try MaildirFile.link(temporary, "\(directory)/new/\(name)") else { return false }
        try MaildirFile.syncDirectory("\(directory)/new")
        return true
    }
}

/// Unique Maildir file names: `<seconds>.M<microseconds>P<pid>Q<counter>R<random>.<host>`.
enum MaildirName {
    private static let counter = Counter()

    /// A file name made only of the safe characters of `key` (a Message-ID), prefixed `mailroom.`.
    static func stable(_ key: String) -> String {
        let safe = key.unicodeScalars.map { scalar -> String in
            let c = Character(scalar)
            return c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-" || c == "_" || c == "@")
                ? String(c) : "_"
        }.joined()
        return "mailroom." + String(safe.prefix(200))
    }

    static func unique() -> String {
        var now = timeval()
        gettimeofday(&now, nil)
        let host = ProcessInfo.processInfo.hostName
            .replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(of: ":", with: "\\072")
        let random = UInt32.random(in: 0...UInt32.max)
        return "\(now.tv_sec).M\(now.tv_usec)P\(getpid())Q\(counter.next())R\(String(random, radix: 16)).\(host)"
    }

    /// A process-wide counter (a lock guards the value).
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func next() -> Int {
            lock.withLock {
                value += 1
                return value
            }
        }
    }
}
