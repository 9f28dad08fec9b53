/// Which template to render.
public enum ReplyTemplate: Sendable, Hashable {
    /// The template of an intent (falls back to `fallback` when the intent has none).
    case intent(String)
    /// "We received your message; a person will answer."
    case acknowledgement
    /// The summary mail to the agents' inbox.
    case escalation
    /// Wraps an agent's answer sent to the customer.
    case agentRelay
    /// Any template by name (`#template NAME`).
    case named(String)

    /// Templates that are written for the agents and never go to a customer (lower case).
    public static let staffOnly: Set<String> = ["escalation"]
}

/// A rendered template: plain text and an optional HTML part.
public struct RenderedReply: Sendable, Hashable {
    /// The plain text.
    public var text: String
    /// The HTML part, if the template has one.
    public var html: String?
    /// The language actually used (after falling back to the default).
    public var language: String

    /// Creates a rendered reply.
    public init(text: String, html: String?, language: String) {
        self.text = text
        self.html = html
        self.language = language
    }
}

/// Renders reply templates (implemented over swift-mustache by the app).
public protocol ReplyRenderer: Sendable {
    /// The rendered template in `language` (or the default language), or nil when it does not exist or fails.
    func render(_ template: ReplyTemplate, language: String, context: TemplateContext) -> RenderedReply?
    /// Whether `template` has a usable variant for `language` (or the default language); for `.intent`, the
    /// intent's own template or the fallback. Reads no files.
    func canRender(_ template: ReplyTemplate, language: String) -> Bool
}
