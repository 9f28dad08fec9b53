extension TemplateTagChecker {
    /// Looks `content` (a name, maybe wrapped in transforms like `uppercased(customer.name)`) up the scope
    /// stack the way swift-mustache does; reports and returns nil when it names nothing.
    func resolve(
        _ content: String, in scopes: [Scope], report: (String) -> Void
    ) -> (node: VariableSchema, path: String)? {
        guard let (name, transforms) = Self.split(content) else {
            report("cannot read the name `\(content)`")
            return nil
        }
        var found: (node: VariableSchema, path: String)?
        var pending = transforms[...]
        if name.isEmpty {
            guard let element = scopes.last(where: \.isElement), let innermost = pending.popLast(),
                let node = VariableSchema.sequenceTransform(innermost)
            else {
                report("`\(content)` works only inside a section over a list")
                return nil
            }
            found = (node, element.path)
        } else {
            found = lookUp(name, in: scopes, report: report)
        }
        guard let found else { return nil }
        var node = found.node
        while let transform = pending.popLast() {
            guard let next = node.applying(transform) else {
                report("the transform `\(transform)` does not apply to \(node.noun) in `\(content)`")
                return nil
            }
            node = next
        }
        return (node, found.path)
    }

    /// Looks a plain dotted name up the scope stack.
    private func lookUp(
        _ name: String, in scopes: [Scope], report: (String) -> Void
    ) -> (node: VariableSchema, path: String)? {
        guard let top = scopes.last else { return nil }
        if name == "." {
            guard top.path != "" else {
                report("`.` means the current item and works only inside a section")
                return nil
            }
            return (top.node, top.path)
        }
        let segments = name.split(separator: ".").map(String.init)
        let candidates = name.hasPrefix(".") ? [top] : scopes.reversed()
        guard let first = segments.first,
            let scope = candidates.first(where: { $0.node.child(first) != nil })
        else {
            report("unknown variable `\(name)`\(Self.suggestion(for: name))")
            return nil
        }
        var node = scope.node
        for segment in segments {
            guard let child = node.child(segment) else {
                report("unknown variable `\(name)`\(Self.suggestion(for: name))")
                return nil
            }
            node = child
        }
        if scope.isElement { return (node, scope.path) }
        return (node, ([scope.path] + segments).filter { !$0.isEmpty }.joined(separator: "."))
    }

    /// `a(b(name))` as (`name`, [`a`, `b`]); nil when the brackets do not match.
    static func split(_ content: String) -> (name: String, transforms: [String])? {
        var rest = Substring(content)
        var transforms: [String] = []
        while let open = rest.firstIndex(of: "(") {
            transforms.append(String(rest[..<open]))
            rest = rest[rest.index(after: open)...]
        }
        let name = rest.prefix { $0 != ")" }
        let closers = rest.dropFirst(name.count)
        guard closers.count == transforms.count, closers.allSatisfy({ $0 == ")" }) else { return nil }
        return (String(name), transforms)
    }

    /// ` (did you mean `x`?)` for the closest documented name within two edits, or nothing.
    private static func suggestion(for name: String) -> String {
        var names = Set(TemplateVariable.all.map(\.name))
        for variable in TemplateVariable.all {
            if case .records(let fields) = variable.shape { names.formUnion(fields) }
        }
        let best = names.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= 2 }.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return best.map { " (did you mean `\($0.0)`?)" } ?? ""
    }

    /// Levenshtein distance between two short strings.
    private static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
