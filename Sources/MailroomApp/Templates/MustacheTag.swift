/// One `{{…}}` tag of a template, as ``MustacheTagScanner`` reads it.
struct MustacheTag: Sendable, Hashable {
    /// What the tag does.
    enum Kind: Sendable, Hashable {
        /// `{{name}}`: an escaped variable.
        case variable
        /// `{{{name}}}` or `{{&name}}`: an unescaped variable.
        case unescaped
        /// `{{#name}}`: a section.
        case section
        /// `{{^name}}`: an inverted section.
        case invertedSection
        /// `{{/name}}`: the end of a section.
        case close
        /// `{{>name}}`: a partial.
        case partial
        /// `{{<name}}`: a parent (template inheritance).
        case parent
        /// `{{$name}}`: a block.
        case block
        /// `{{!…}}`: a comment.
        case comment
        /// `{{%…}}`: a pragma such as `CONTENT_TYPE: TEXT`.
        case pragma
        /// `{{=<% %>=}}`: new delimiters.
        case delimiters
    }

    /// What the tag does.
    let kind: Kind
    /// The text inside the tag, without the sigil and trimmed (the name, for variables and sections).
    let content: String
    /// The 1-based line the tag starts on.
    let line: Int
}
