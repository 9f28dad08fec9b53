/// One consistent set of compiled templates, by language and name; what a render reads.
struct TemplateSet: Sendable {
    /// The compiled parts of one template in one language.
    struct Variant: Sendable {
        /// The plain-text part.
        let text: CompiledTemplate
        /// The HTML part, if the language has a usable one.
        let html: CompiledTemplate?
    }

    /// Variants by language, then name.
    private(set) var variants: [String: [String: Variant]] = [:]

    /// The set of the usable (last good) templates among `files`: a name needs a usable text part.
    init(_ files: [TemplatePath: TemplateLibrary.LoadedFile]) {
        for (path, file) in files where path.format == .text {
            guard let text = file.template else { continue }
            let htmlPath = TemplatePath(language: path.language, name: path.name, format: .html)
            variants[path.language, default: [:]][path.name] = Variant(text: text, html: files[htmlPath]?.template)
        }
    }

    /// The variant of `name` in `language`, if usable.
    func variant(_ name: String, language: String) -> Variant? {
        variants[language]?[name]
    }
}
