/// A template rendered for one mail: the plain text, the optional HTML, and which variant was used.
public struct RenderedTemplate: Sendable, Hashable {
    /// The template name that was rendered (for ``TemplateLibrary/renderReply(intent:language:context:)``,
    /// the intent or `fallback`).
    public let name: String
    /// The language of the variant that was used, like `de`.
    public let language: String
    /// The language that was asked for, as given.
    public let requestedLanguage: String
    /// The plain-text part (always present).
    public let text: String
    /// The HTML part, when the same language variant has one.
    public let html: String?
    /// Whether the variant is the default language because the one asked for has no usable template.
    public let usedFallbackLanguage: Bool

    /// Creates a rendered template.
    public init(
        name: String, language: String, requestedLanguage: String, text: String, html: String?,
        usedFallbackLanguage: Bool
    ) {
        self.name = name
        self.language = language
        self.requestedLanguage = requestedLanguage
        self.text = text
        self.html = html
        self.usedFallbackLanguage = usedFallbackLanguage
    }
}
