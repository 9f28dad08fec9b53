import Mustache

/// A usable template, rendered by Mailroom's own renderer (``TemplateProgram``) when the template is within what
/// that covers, and by swift-mustache otherwise: the text is the same either way.
///
/// swift-mustache compiles a template up front only when Mailroom's renderer does not cover it: whatever that
/// renderer reads, swift-mustache reads too (the tests check it on thousands of generated templates), and
/// compiling every template twice was a third of the gateway's start.
struct CompiledTemplate: Sendable {
    /// The template's text.
    let text: String
    /// Mailroom's version, when the template is within its scope.
    let program: TemplateProgram?
    /// swift-mustache's version, when Mailroom's does not cover the template.
    private let mustache: MustacheTemplate?

    /// Compiles `text` (its `characters`, when already read); throws swift-mustache's error when it does not compile.
    init(_ text: String, characters: TemplateCharacters? = nil) throws {
        self.text = text
        program = TemplateProgram(characters ?? TemplateCharacters(text))
        mustache = program == nil ? try MustacheTemplate(string: text) : nil
    }

    /// The text for `values` (a `[String: Any]` of strings, numbers, booleans, lists and objects).
    func render(_ values: Any) -> String {
        if let program, let rendered = program.render(values) { return rendered }
        if let mustache { return mustache.render(values) }
        // A value of a type Mailroom's renderer leaves to swift-mustache (Mailroom's own contexts have none).
        return (try? MustacheTemplate(string: text))?.render(values) ?? ""
    }
}
