import Foundation

/// Validates a template directory: every file compiles and uses only documented variables (reported with
/// their line), every intent has a template in the default language, every language has the same templates
/// as the default one (warning), and every text template starts with the `CONTENT_TYPE: TEXT` pragma.
public struct TemplateChecker: Sendable {
    /// The intents that each need a template in the default language.
    public var intents: [String]
    /// The language every template must exist in (`en`).
    public var defaultLanguage: String

    /// Creates a checker for the given intents (by default those of the default model).
    public init(intents: [String] = DefaultIntents.names, defaultLanguage: String = "en") {
        self.intents = intents
        self.defaultLanguage = defaultLanguage
    }

    /// Every problem in `directory`, sorted by file and line; empty when all is well.
    public func check(directory: URL) -> [TemplateProblem] {
        let scan: TemplateDirectory
        do {
            scan = try TemplateDirectory.scan(directory)
        } catch {
            return [TemplateProblem(file: directory.path, message: "\(error)", severity: .error)]
        }
        var problems = scan.stray.map {
            TemplateProblem(
                file: $0, message: "not in the layout {language}/{name}.txt.mustache or .html.mustache; ignored",
                severity: .warning)
        }
        problems += checkFiles(scan)
        problems += checkLanguages(scan)
        problems += checkCompleteness(scan)
        return TemplateProblem.sorted(problems)
    }

    /// Compiles and checks each file on its own.
    private func checkFiles(_ scan: TemplateDirectory) -> [TemplateProblem] {
        let intentSet = Set(intents)
        var problems: [TemplateProblem] = []
        for path in scan.files.keys.sorted() {
            guard let text = scan.read(path) else {
                problems.append(
                    TemplateProblem(file: path.relativePath, message: "cannot be read as UTF-8", severity: .error))
                continue
            }
            let kind = TemplateKind(name: path.name, intents: intentSet)
            problems += TemplateCompiler.compile(text, path: path, kind: kind).problems
            let textPath = TemplatePath(language: path.language, name: path.name, format: .text)
            if path.format == .html && scan.files[textPath] == nil {
                problems.append(
                    TemplateProblem(
                        file: path.relativePath, message: "has no plain-text part \(textPath.relativePath)",
                        severity: .error))
            }
        }
        return problems
    }

    /// Language folder names, and the same set of names in every language as in the default one.
    private func checkLanguages(_ scan: TemplateDirectory) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        let intentSet = Set(intents)
        func names(_ language: String) -> Set<String> {
            Set(scan.files.keys.filter { $0.language == language && $0.format == .text }.map(\.name))
        }
        let reference = names(defaultLanguage)
        for language in scan.languages where language != defaultLanguage {
            if !Self.isLanguageTag(language) {
                problems.append(
                    TemplateProblem(
                        file: language, message: "is not a language tag like `de` or `pt-br`", severity: .warning))
            }
            let own = names(language)
            for name in reference.subtracting(own).sorted()
            where TemplateKind(name: name, intents: intentSet).isTranslated {
                let missing = TemplatePath(language: language, name: name, format: .text).relativePath
                problems.append(
                    TemplateProblem(
                        file: missing, message: "missing: \(defaultLanguage) has \(name), so \(language) falls back",
                        severity: .warning))
            }
            for name in own.subtracting(reference).sorted() {
                let extra = TemplatePath(language: language, name: name, format: .text).relativePath
                problems.append(
                    TemplateProblem(
                        file: extra, message: "\(defaultLanguage) has no \(name): there is no fallback for it",
                        severity: .warning))
            }
        }
        return problems
    }

    /// Every intent and every required template exists in the default language.
    private func checkCompleteness(_ scan: TemplateDirectory) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        if !scan.languages.contains(defaultLanguage) {
            problems.append(
                TemplateProblem(
                    file: defaultLanguage, message: "the default language folder is missing", severity: .error))
        }
        for name in intents + TemplateKind.requiredNames {
            let path = TemplatePath(language: defaultLanguage, name: name, format: .text)
            guard scan.files[path] == nil else { continue }
            let what =
                TemplateKind.requiredNames.contains(name) ? "required template" : "intent \(name) has no template"
            problems.append(
                TemplateProblem(file: path.relativePath, message: "missing: \(what)", severity: .error))
        }
        return problems
    }

    /// `de`, `fra`, `pt-br`, `zh-hant`: two or three lowercase letters, then optional subtags.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
            primary.allSatisfy({ $0.isASCII && $0.isLowercase })
        else { return false }
        return parts.dropFirst().allSatisfy {
            (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }
}
