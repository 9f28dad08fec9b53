/// Why a model file could not be read.
public struct ModelFileError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable {
        case notAModel
        case versionMismatch(found: UInt16, expected: UInt16)
        case unknownModelKind(UInt8)
        case truncated(String)
        case corrupt(String)
        case trailingBytes
    }

    private let code: Code

    /// The bytes do not start with the model file's magic number.
    public static let notAModel = ModelFileError(code: .notAModel)
    /// The file was written in another format version.
    public static func versionMismatch(found: UInt16, expected: UInt16) -> ModelFileError {
        ModelFileError(code: .versionMismatch(found: found, expected: expected))
    }
    /// The file holds a kind of model this program does not know.
    public static func unknownModelKind(_ kind: UInt8) -> ModelFileError {
        ModelFileError(code: .unknownModelKind(kind))
    }
    /// The file ends inside the named section.
    public static func truncated(_ section: String) -> ModelFileError { ModelFileError(code: .truncated(section)) }
    /// A value is impossible.
    public static func corrupt(_ reason: String) -> ModelFileError { ModelFileError(code: .corrupt(reason)) }
    /// Bytes follow the last section.
    public static let trailingBytes = ModelFileError(code: .trailingBytes)

    /// Whether this is a format-version mismatch (retraining or upgrading the program fixes it).
    public var isVersionMismatch: Bool {
        if case .versionMismatch = code { return true }
        return false
    }

    /// A short description, safe for a metric label (no file contents).
    public var description: String {
        switch code {
        case .notAModel: "not a Mailroom model or index file"
        case .versionMismatch(let found, let expected):
            "model file format version \(found), but this program reads versions 1 to \(expected): retrain the "
                + "model with this version of mailroom (mailroom train), or use the mailroom version that wrote it"
        case .unknownModelKind(let kind):
            "model file holds a model of kind \(kind), which this program does not know: retrain the model with "
                + "this version of mailroom (mailroom train), or use the mailroom version that wrote it"
        case .truncated(let section): "model file is truncated (in \(section))"
        case .corrupt(let reason): "model file is corrupt (\(reason))"
        case .trailingBytes: "model file has unexpected bytes after the weights"
        }
    }
}
