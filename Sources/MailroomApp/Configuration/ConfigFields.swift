import Configuration

/// Reads typed values from a `ConfigReader` and collects every problem by key instead of stopping at the first.
struct ConfigFields {
    let reader: ConfigReader
    private(set) var problems: [ConfigProblem] = []
    /// Every key a reader asked for (``ConfigKeys/all`` must hold them all).
    private(set) var readKeys: Set<String> = []

    init(reader: ConfigReader) {
        self.reader = reader
    }

    mutating func string(_ key: String, required: Bool = false, secret: Bool = false) -> String? {
        read(key, required: required) { [reader] in try reader.requiredString(forKey: ConfigKey(key), isSecret: secret)
        }
        .flatMap { $0.isEmpty ? nil : $0 }
    }

    mutating func int(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
        bounded(key, default: value, range: range) { [reader] in try reader.requiredInt(forKey: ConfigKey(key)) }
    }

    mutating func double(_ key: String, default value: Double, range: ClosedRange<Double>) -> Double {
        bounded(key, default: value, range: range) { [reader] in try reader.requiredDouble(forKey: ConfigKey(key)) }
    }

    /// A number read by `body`, or `value` when absent; out of `range` is a problem and gives `value`.
    private mutating func bounded<T: Comparable>(
        _ key: String, default value: T, range: ClosedRange<T>, _ body: () throws -> T
    ) -> T {
        guard let found = read(key, required: false, body) else { return value }
        guard range.contains(found) else {
            problems.append(
                ConfigProblem(key: key, message: "\(found) is outside \(range.lowerBound)...\(range.upperBound)"))
            return value
        }
        return found
    }

    mutating func bool(_ key: String, default value: Bool) -> Bool {
        read(key, required: false) { [reader] in try reader.requiredBool(forKey: ConfigKey(key)) } ?? value
    }

    mutating func strings(_ key: String) -> [String] {
        read(key, required: false) { [reader] in try reader.requiredStringArray(forKey: ConfigKey(key)) } ?? []
    }

    /// One of `choices` (case-insensitive), or `default` when the key is absent.
    mutating func choice(_ key: String, _ choices: [String], default value: String) -> String {
        guard let found = string(key)?.lowercased() else { return value }
        guard choices.contains(found) else {
            problems.append(
                ConfigProblem(key: key, message: "'\(found)' is not one of \(choices.joined(separator: ", "))"))
            return value
        }
        return found
    }

    mutating func problem(_ key: String, _ message: String) {
        problems.append(ConfigProblem(key: key, message: message))
    }

    mutating func warning(_ key: String, _ message: String) {
        problems.append(ConfigProblem(key: key, message: message, severity: .warning))
    }

    /// A problem when `url` carries a user name or password (`imaps://user:secret@host`): credentials belong in
    /// their own keys and the environment. The value is never repeated, so a secret in it is not printed.
    /// Returns whether the URL is clean.
    mutating func refuseCredentials(in url: String, key: String, instead: String) -> Bool {
        guard let scheme = url.range(of: "://") else { return true }
        let authority = url[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard authority.contains("@") else { return true }
        problem(key, "must not contain a user name or password (the value is not shown); use \(instead)")
        return false
    }

    private mutating func read<T>(_ key: String, required: Bool, _ body: () throws -> T) -> T? {
        readKeys.insert(key)
        let result = Result { try body() }
        switch result {
        case .success(let value):
            return value
        case .failure(let error):
            if String(describing: error).hasPrefix("Missing required") {
                if required { problems.append(ConfigProblem(key: key, message: "missing (required)")) }
            } else {
                problems.append(ConfigProblem(key: key, message: "has the wrong type (\(error))"))
            }
            return nil
        }
    }
}
