import Crypto
import Foundation
import MailroomCore

/// The system prompt a language model is asked with, from three versioned files (`intents.md`, `policy.md`,
/// `language.md`): in `llm.prompts` (by default `prompts/` beside the configuration file), or the ones built into
/// Mailroom when that folder does not exist. Each file starts with a `version: ...` line; `{{intents}}` in
/// `intents.md` becomes the model's labels with their meanings. Every decision records ``version`` and ``hash``
/// (SHA-256 of the prompt as sent), so an edit without a new version still shows.
struct PromptSet: Sendable, Hashable {
    /// The files, in the order they are joined.
    static let files = ["intents", "policy", "language"]

    /// The system prompt.
    let system: String
    /// `intents@1,policy@1,language@1`.
    let version: String
    /// SHA-256 of ``system``, hex.
    let hash: String

    /// The prompts in `folder` (or the built-in ones when it does not exist) for a model with `labels`.
    /// - Throws: ``TriageFileError`` naming the file that is missing or has no version line.
    static func load(folder: String?, labels: [String]) throws -> PromptSet {
        let directory: URL
        if let folder, FileManager.default.fileExists(atPath: folder) {
            directory = URL(fileURLWithPath: folder)
        } else if let builtIn = Bundle.module.url(forResource: "prompts", withExtension: nil) {
            directory = builtIn
        } else {
            throw PromptError(message: "the built-in prompts are missing from this build")
        }
        var parts: [String] = []
        var versions: [String] = []
        for name in files {
            let url = directory.appendingPathComponent(name + ".md")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw PromptError(message: "\(url.path) cannot be read")
            }
            let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let first = lines.first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard first.hasPrefix("version:") else {
                throw PromptError(message: "\(url.path) must start with a line 'version: ...'")
            }
            let version = first.dropFirst("version:".count).trimmingCharacters(in: .whitespaces)
            guard !version.isEmpty, version.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
                throw PromptError(message: "\(url.path): the version must be letters, digits, '.', '_' or '-'")
            }
            versions.append("\(name)@\(version)")
            var body = lines.count > 1 ? String(lines[1]) : ""
            body = body.replacingOccurrences(of: "{{intents}}", with: intentList(labels))
            parts.append(body.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let system = parts.joined(separator: "\n\n")
        let digest = SHA256.hash(data: Data(system.utf8)).map { String(format: "%02x", $0) }.joined()
        return PromptSet(system: system, version: versions.joined(separator: ","), hash: digest)
    }

    private static func intentList(_ labels: [String]) -> String {
        labels.filter { !["oos", "NO_NODES_DETECTED", "unknown"].contains($0) }.sorted().map {
            "- \($0): \(IntentLabels.label(for: $0, language: "en"))"
        }.joined(separator: "\n")
    }
}

/// A prompt file that cannot be used.
struct PromptError: Error, CustomStringConvertible {
    /// What is wrong.
    var message: String
    var description: String { message }
}
