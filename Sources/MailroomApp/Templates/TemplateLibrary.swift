import Foundation
import MailroomCore
import Synchronization

/// The reply templates of a directory (`templates/{language}/{name}.txt.mustache`, optional `.html.mustache`),
/// compiled, rendered by language with a fallback to the default language, and reloaded when edited.
///
/// Reads: the template directory; at most once per `checkInterval` it compares the files' modification times
/// and sizes and recompiles the changed ones. A file that no longer compiles or checks keeps its last good
/// version and is listed in ``problems``; a template with no good version is not used. Never throws after
/// `init`. Thread-safe: the state is behind a `Mutex`; rendering works on an immutable snapshot.
public final class TemplateLibrary: Sendable {
    /// The template directory.
    public let directory: URL
    /// The language used when the one asked for has no template (`en`).
    public let defaultLanguage: String
    private let checkInterval: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    let state: Mutex<State>

    /// Loads the templates in `directory`.
    ///
    /// - Parameters:
    ///   - checkInterval: how often at most the files are checked for edits (default one second).
    ///   - now: the clock used for that interval (injected for tests).
    /// - Throws: ``TemplateError/directoryNotFound(_:)`` when `directory` is not a directory. Broken templates
    ///   do not throw: they are reported in ``problems``.
    public init(
        directory: URL, defaultLanguage: String = "en", checkInterval: Duration = .seconds(1),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) throws(TemplateError) {
        self.directory = directory
        self.defaultLanguage = defaultLanguage
        self.checkInterval = checkInterval
        self.now = now
        let scan = try TemplateDirectory.scan(directory)
        var state = State()
        state.lastCheck = now()
        state.load(scan)
        self.state = Mutex(state)
    }

    /// Renders the template `name` in `language` (a tag such as `de` or `de-CH`), or in the default language
    /// when that language has no usable variant; nil when neither has one or the text renders empty.
    public func render(name: String, language: String, context: TemplateContext) -> RenderedTemplate? {
        reloadIfDue()
        return renderLoaded(name: name, language: language, context: context)
    }

    /// Renders like ``render(name:language:context:)`` from the templates already loaded, without looking at
    /// the files (for use inside a database transaction; call ``reloadIfDue()`` before it).
    public func renderLoaded(name: String, language: String, context: TemplateContext) -> RenderedTemplate? {
        let set = state.withLock { $0.set }
        let requested = requestedLanguages(language)
        for candidate in requested + [defaultLanguage] {
            guard let variant = set.variant(name, language: candidate) else { continue }
            let variables = context.variables(language: candidate)
            let text = variant.text.render(variables)
            guard !text.trimmingWhitespace.isEmpty else { return nil }
            return RenderedTemplate(
                name: name, language: candidate, requestedLanguage: language, text: text,
                html: variant.html?.render(variables), usedFallbackLanguage: !requested.contains(candidate))
        }
        return nil
    }

    /// Renders the reply for `intent` from the loaded templates: its own template, or `fallback` when the
    /// intent has none.
    public func renderReply(intent: String, language: String, context: TemplateContext) -> RenderedTemplate? {
        renderLoaded(name: intent, language: language, context: context)
            ?? renderLoaded(name: TemplateKind.fallback.rawValue, language: language, context: context)
    }

    /// Whether a loaded template `name` has a variant for `language` or the default language (no file access).
    public func hasLoaded(name: String, language: String) -> Bool {
        let set = state.withLock { $0.set }
        return (requestedLanguages(language) + [defaultLanguage]).contains { set.variant(name, language: $0) != nil }
    }

    /// The errors of the files that are not used as they are on disk (each keeps its last good version, if any).
    public var problems: [TemplateProblem] {
        reloadIfDue()
        return state.withLock { TemplateProblem.sorted($0.problems) }
    }

    /// The names of the usable templates in `language` (exactly that language, no fallback).
    public func names(language: String) -> [String] {
        reloadIfDue()
        return state.withLock { $0.set.variants[language].map { Array($0.keys).sorted() } ?? [] }
    }

    /// Checks the files for edits now, whatever the interval; returns whether anything was reloaded.
    @discardableResult
    public func reloadIfChanged() -> Bool {
        let instant = now()
        return state.withLock { $0.reload(directory, at: instant) }
    }

    /// The languages that count as `language`: the tag (`de-ch`), then its primary subtag (`de`).
    func requestedLanguages(_ language: String) -> [String] {
        // A tag already in canonical form (lower-case ASCII letters, digits, `-`: what the pipeline passes) is used
        // as it is; anything else is trimmed, lower-cased and has `_` turned into `-` first.
        let canonical = language.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): true
            default: false
            }
        }
        let tag =
            canonical ? language : language.trimmingWhitespace.lowercased().replacingOccurrences(of: "_", with: "-")
        let primary = tag.split(separator: "-").first.map(String.init) ?? ""
        return tag == primary ? [tag].filter { !$0.isEmpty } : [tag, primary]
    }

    /// Checks the files for edits when the check interval has passed (outside any transaction).
    public func reloadIfDue() {
        let instant = now()
        state.withLock { state in
            if let last = state.lastCheck, instant - last < checkInterval { return }
            _ = state.reload(directory, at: instant)
        }
    }
}
