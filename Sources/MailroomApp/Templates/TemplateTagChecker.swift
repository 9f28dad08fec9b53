/// Checks the tags of one template against the documented variables: unknown names (with their line),
/// variables not set for the template's kind, unsupported tags, and unescaped variables in HTML.
struct TemplateTagChecker {
    /// Where one name was looked up.
    struct Scope {
        /// The shape of the object on the stack.
        let node: VariableSchema
        /// The dotted path of that object (`resolution`), or of the list it is an element of (`similar`).
        let path: String
        /// Whether this is an element of a list (its fields document under the list's name).
        let isElement: Bool
    }

    /// The file being checked, for problem reports.
    let file: String
    /// What the template is for.
    let kind: TemplateKind
    /// Whether the template produces HTML.
    let isHTML: Bool

    /// The problems found, and the documented variables the template uses.
    func check(_ tags: [MustacheTag]) -> (problems: [TemplateProblem], used: Set<String>) {
        var problems: [TemplateProblem] = []
        var used: Set<String> = []
        var scopes = [Scope(node: .root, path: "", isElement: false)]
        var sections: [Bool] = []  // for each open section: whether it pushed a scope
        for tag in tags {
            func report(_ message: String, _ severity: TemplateProblem.Severity = .error) {
                guard severity == .error || !problems.contains(where: { $0.message == message }) else { return }
                problems.append(TemplateProblem(file: file, line: tag.line, message: message, severity: severity))
            }
            switch tag.kind {
            case .variable, .unescaped:
                guard let (node, path) = resolve(tag.content, in: scopes, report: { report($0) }) else { continue }
                used.insert(path)
                if case .object = node {
                    report("`\(tag.content)` is \(node.noun), not a value: use one of its fields")
                } else if case .list = node {
                    report("`\(tag.content)` is a list: use a section {{#\(tag.content)}}…{{/\(tag.content)}}")
                } else if tag.kind == .unescaped && isHTML {
                    report("`\(tag.content)` is not HTML-escaped in an HTML template: use {{\(tag.content)}}")
                }
                if path == "customer.name", kind.isCustomerFacing {
                    report(
                        "`customer.name` repeats whatever display name the sender chose to the customer (it can be a "
                            + "message, a phone number, a link): greet with {{#customer.firstName}}…{{/customer.firstName}}",
                        .warning)
                }
                checkKind(path, report: { report($0, .warning) })
            case .section:
                let resolved = resolve(tag.content, in: scopes, report: { report($0) })
                if let (_, path) = resolved {
                    used.insert(path)
                    checkKind(path, report: { report($0, .warning) })
                }
                let scope = resolved.flatMap { Self.scope(for: $0.node, path: $0.path) }
                if let scope { scopes.append(scope) }
                sections.append(scope != nil)
            case .invertedSection:
                if let (_, path) = resolve(tag.content, in: scopes, report: { report($0) }) {
                    used.insert(path)
                    checkKind(path, report: { report($0, .warning) })
                }
                sections.append(false)
            case .block:
                sections.append(false)
            case .close:
                if sections.popLast() == true { scopes.removeLast() }
            case .partial, .parent:
                report("partials and parents ({{> name}}, {{< name}}) are not supported: keep each template whole")
                if tag.kind == .parent { sections.append(false) }
            case .pragma:
                if isHTML && tag.content.filter({ !$0.isWhitespace }) == "CONTENT_TYPE:TEXT" {
                    report("CONTENT_TYPE: TEXT turns off HTML escaping in an HTML template")
                }
            case .comment, .delimiters:
                continue
            }
        }
        return (problems, used)
    }

    /// The scope a section over a value of this shape opens, if any.
    private static func scope(for node: VariableSchema, path: String) -> Scope? {
        switch node {
        case .object, .text, .number: Scope(node: node, path: path, isElement: false)
        case .list(let element): Scope(node: element, path: path, isElement: true)
        case .bool: nil
        }
    }

    /// Warns when the variable at `path` is never set for this template's kind.
    private func checkKind(_ path: String, report: (String) -> Void) {
        guard let kinds = Self.kindsByPath[path], !kinds.contains(kind) else { return }
        report("`\(path)` is not set for \(kind.rawValue) templates, so it renders empty")
    }

    /// The kinds of template each documented variable is set for, under its name and under each dotted prefix
    /// of it (`ticket` holds the kinds of `ticket.id`, `ticket.subject`, ...): what a filter of
    /// ``TemplateVariable/all`` by name or by `path + "."` gave, which the check did for every tag of the 129
    /// shipped templates at every start (36 M instructions).
    static let kindsByPath: [String: Set<TemplateKind>] = {
        var kinds: [String: Set<TemplateKind>] = [:]
        for variable in TemplateVariable.all {
            let name = variable.name
            kinds[name, default: []].formUnion(variable.kinds)
            for dot in name.indices where name[dot] == "." {
                kinds[String(name[..<dot]), default: []].formUnion(variable.kinds)
            }
        }
        return kinds.filter { !$0.value.isEmpty }
    }()
}
