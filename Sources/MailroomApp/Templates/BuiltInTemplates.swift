import Foundation

/// The reply templates built into Mailroom (shipped as a resource, like the default model): used when the
/// configuration has no `templates.path`, and copied into a workspace by `mailroom init` for admins to edit.
public enum BuiltInTemplates {
    /// The built-in template directory.
    public static var url: URL? {
        Bundle.module.url(forResource: "templates", withExtension: nil)
    }

    /// `path` as a directory URL, or the built-in templates when `path` is nil.
    /// - Throws: ``TemplateError/directoryNotFound(_:)`` when the built-in templates are missing.
    public static func directory(_ path: String?) throws(TemplateError) -> URL {
        if let path { return URL(fileURLWithPath: path, isDirectory: true) }
        guard let url else { throw .directoryNotFound("(built-in templates)") }
        return url
    }

    /// Copies the built-in templates to `destination` (which must not exist yet).
    public static func copy(to destination: URL) throws {
        guard let url else { throw TemplateError.directoryNotFound("(built-in templates)") }
        try FileManager.default.copyItem(at: url, to: destination)
    }
}
