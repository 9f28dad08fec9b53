import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with posix_spawn, its standard output and error appended to one file and its standard
/// input empty. Waited for with waitpid (Foundation's Process.waitUntilExit was seen to hang once a script had
/// started a daemon), either blocking or polling without holding a thread of the cooperative pool.
public final class ChildProcess: Sendable {
    /// How a process ended.
    public enum Termination: Hashable, Sendable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signaled(Int32)

        /// `exit 0`, `signal 9`.
        public var description: String {
            switch self {
            case .exited(let status): return "exit \(status)"
            case .signaled(let signal): return "signal \(signal)"
            }
        }
    }

    /// posix_spawn failed.
    public struct SpawnFailed: Error, CustomStringConvertible {
        /// The program.
        public var executable: String
        /// The errno value.
        public var code: Int32
        /// What went wrong.
        public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// The process id.
    public let pid: pid_t
    /// The file standard output and standard error go to.
    public let outputPath: String
    /// Set once waitpid has reaped the process: its pid may then belong to someone else.
    private let reaped = Mutex(false)

    /// Starts `executable` with `arguments` and exactly `environment`; output is appended to `output`.
    public init(executable: String, arguments: [String], environment: [String: String], output: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard code == 0 else { throw SpawnFailed(executable: executable, code: code) }
        self.pid = pid
        outputPath = output
    }

    /// Sends `signal` (SIGKILL: the crash test's kill -9), unless the process was already waited for.
    public func send(_ signal: Int32) {
        reaped.withLock { done in
            if !done { kill(pid, signal) }
        }
    }

    /// Waits for the end, blocking the calling thread.
    public func waitBlocking() -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped.withLock { $0 = true }
        return Self.termination(status)
    }

    /// Waits for the end without blocking a thread; nil when `timeout` passed first (the process keeps running).
    public func wait(timeout: Duration = .seconds(120)) async throws -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result < 0 && errno != EINTR) {
                reaped.withLock { $0 = true }
                return result == pid ? Self.termination(status) : .exited(-1)
            }
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Everything the process wrote so far.
    public func output() -> String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    private static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
    }
}
