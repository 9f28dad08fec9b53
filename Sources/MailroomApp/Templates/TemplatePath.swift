/// Where a template file sits in the layout `{language}/{name}.txt.mustache` or `{language}/{name}.html.mustache`.
struct TemplatePath: Hashable, Sendable, Comparable {
    /// Plain text or HTML.
    enum Format: String, Hashable, Sendable, Comparable {
        /// `name.txt.mustache`: the required plain-text part.
        case text = "txt"
        /// `name.html.mustache`: the optional HTML part.
        case html

        static func < (lhs: Format, rhs: Format) -> Bool { lhs == .text && rhs == .html }
    }

    /// The language folder, like `de`.
    let language: String
    /// The template name, like `track_order`.
    let name: String
    /// Text or HTML.
    let format: Format

    /// The path relative to the template directory.
    var relativePath: String { "\(language)/\(fileName)" }

    /// The file name inside the language folder.
    var fileName: String { "\(name).\(format.rawValue).mustache" }

    /// A path in the layout.
    init(language: String, name: String, format: Format) {
        self.language = language
        self.name = name
        self.format = format
    }

    /// Reads a file name inside a language folder; nil when it does not follow the layout.
    init?(language: String, fileName: String) {
        let parts = fileName.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2] == "mustache", !parts[0].isEmpty,
            let format = Format(rawValue: String(parts[1]))
        else { return nil }
        self.init(language: language, name: String(parts[0]), format: format)
    }

    static func < (lhs: TemplatePath, rhs: TemplatePath) -> Bool {
        (lhs.language, lhs.name, lhs.format) < (rhs.language, rhs.name, rhs.format)
    }
}
