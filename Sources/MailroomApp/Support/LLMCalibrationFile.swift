import Foundation
import Triage

/// What `mailroom evaluate --backend llm` fitted (`llm.calibration`): the calibration of the model's stated
/// confidence, valid only for the model, prompt and schema it was measured with. A change of any of them makes it
/// stale, and the model's confidence is then uncalibrated (no automatic reply rests on it) until it is fitted again.
struct LLMCalibrationFile: Codable, Sendable, Hashable {
    /// `llm.model` measured.
    var model: String
    /// The prompt version measured.
    var promptVersion: String
    /// SHA-256 of the system prompt measured.
    var promptHash: String
    /// The answer schema measured.
    var schemaVersion: String
    /// The fitted calibration.
    var calibration: StatedConfidenceCalibration
    /// Labelled rows with a valid answer it was fitted on.
    var rows: Int
    /// The data file.
    var data: String
    /// When.
    var fittedAt: Date

    /// The file at `path`, or nil when there is none. Throws when it exists but cannot be read.
    static func load(_ path: String) throws -> LLMCalibrationFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(LLMCalibrationFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes the file (atomically).
    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try OutputFile.write(encoder.encode(self), to: path)
    }

    /// Whether it was fitted for this model, prompt and schema.
    func applies(model: String, promptHash: String, schemaVersion: String) -> Bool {
        self.model == model && self.promptHash == promptHash && self.schemaVersion == schemaVersion
    }
}
