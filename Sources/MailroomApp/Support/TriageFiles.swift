import Foundation
import Triage

/// File access for the triage commands: labelled CSV files and model files.
public enum TriageFiles {
    /// Reads `text,label` rows from a CSV file.
    public static func examples(at path: String) throws(TriageFileError) -> [LabeledExample] {
        let table = try table(at: path)
        guard let examples = table.labeledExamples() else { throw .missingColumns(path, ["text", "label"]) }
        return examples
    }

    /// Reads the `text` column of a CSV file (out-of-scope negatives: any other column is ignored).
    public static func texts(at path: String) throws(TriageFileError) -> [String] {
        let table = try table(at: path)
        guard let column = table.column("text") else { throw .missingColumns(path, ["text"]) }
        return table.rows.compactMap { row in row.count > column && !row[column].isEmpty ? row[column] : nil }
    }

    /// Reads a CSV file.
    public static func table(at path: String) throws(TriageFileError) -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        return CSVTable(parsing: String(decoding: data, as: UTF8.self))
    }

    /// Loads the model at `path`, or the built-in default model when `path` is nil.
    public static func model(at path: String?) throws(TriageFileError) -> IntentModel {
        guard let path else { return try DefaultModel.load() }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        do {
            return try ModelFile.decode(Array(data))
        } catch {
            throw .badModel(path, error)
        }
    }

    /// Writes a model file.
    public static func write(_ model: IntentModel, to path: String) throws(TriageFileError) {
        do {
            try OutputFile.write(Data(ModelFile.encode(model)), to: path)
        } catch {
            throw .unwritable(path)
        }
    }

    /// Writes text to a file.
    public static func write(text: String, to path: String) throws(TriageFileError) {
        do {
            try OutputFile.write(Data(text.utf8), to: path)
        } catch {
            throw .unwritable(path)
        }
    }
}

/// The built-in model for a generic e-commerce support mailbox (27 intents), shipped as a resource.
public enum DefaultModel {
    /// The resource's file URL.
    public static var url: URL? {
        Bundle.module.url(forResource: "default-intents", withExtension: "model")
    }

    /// Loads the built-in model.
    public static func load() throws(TriageFileError) -> IntentModel {
        guard let url, let data = try? Data(contentsOf: url) else { throw .unreadable("default-intents.model") }
        do {
            return try ModelFile.decode(Array(data))
        } catch {
            throw .badModel("built-in default-intents.model", error)
        }
    }
}

/// Why a triage command could not read or write a file.
public struct TriageFileError: Error, Sendable, CustomStringConvertible {
    private enum Code {
        case unreadable(String)
        case unwritable(String)
        case missingColumns(String, [String])
        case badModel(String, ModelFileError)
    }

    private let code: Code

    static func unreadable(_ path: String) -> TriageFileError { TriageFileError(code: .unreadable(path)) }
    static func unwritable(_ path: String) -> TriageFileError { TriageFileError(code: .unwritable(path)) }
    static func missingColumns(_ path: String, _ columns: [String]) -> TriageFileError {
        TriageFileError(code: .missingColumns(path, columns))
    }
    static func badModel(_ path: String, _ error: ModelFileError) -> TriageFileError {
        TriageFileError(code: .badModel(path, error))
    }

    /// What went wrong, naming the file.
    public var description: String {
        switch code {
        case .unreadable(let path): "cannot read \(path)"
        case .unwritable(let path): "cannot write \(path)"
        case .missingColumns(let path, let columns): "\(path) lacks the columns \(columns.joined(separator: ", "))"
        case .badModel(let path, let error): "\(path): \(error)"
        }
    }
}
