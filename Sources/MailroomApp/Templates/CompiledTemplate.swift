import Mustache

/// A usable template: swift-mustache's compiled version, and Mailroom's own (``TemplateProgram``) when the
/// template is within what that covers. Renders with Mailroom's, and with swift-mustache for whatever it leaves
/// (a template or a value outside its scope): the text is the same either way.
struct CompiledTemplate: Sendable {
    let mustache: MustacheTemplate
    let program: TemplateProgram?

    init(_ mustache: MustacheTemplate, text: String) {
        self.mustache = mustache
        program = TemplateProgram(text)
    }

    /// The text for `values` (a `[String: Any]` of strings, numbers, booleans, lists and objects).
    func render(_ values: Any) -> String {
        program?.render(values) ?? mustache.render(values)
    }
}
