import MailroomCore

extension TemplateProgram {
    /// The text for `root`, as swift-mustache renders it; nil when a value the template reaches is of a type this
    /// renderer leaves to swift-mustache (anything but `String`, `Bool`, `Int`, `Double`, arrays and
    /// `[String: Any]`).
    func render(_ root: Any) -> String? {
        var renderer = Renderer(stack: [root])
        guard renderer.render(nodes, html: true) else { return nil }
        return renderer.output
    }
}

/// A value as the renderer sees it.
private enum Value {
    case text(String)
    case flag(Bool)
    case list([Any])
    case object([String: Any])
    /// A number: rendered with `String(describing:)`, as swift-mustache does.
    case number(Any)

    /// Nil for a type the renderer leaves to swift-mustache.
    init?(_ value: Any) {
        if let text = value as? String {
            self = .text(text)
        } else if let object = value as? [String: Any] {
            self = .object(object)
        } else if let list = value as? [Any] {
            self = .list(list)
        } else if let flag = value as? Bool {
            self = .flag(flag)
        } else if value is Int || value is Double {
            self = .number(value)
        } else {
            return nil
        }
    }
}

/// What a lookup found.
private enum Found {
    case missing
    case value(Any)
    /// An object on the way is of a type this renderer leaves to swift-mustache.
    case unsupported
}

private struct Renderer {
    var stack: [Any]
    var output = ""

    /// Renders `nodes`; false when a value is left to swift-mustache.
    mutating func render(_ nodes: [TemplateProgram.Node], html startsHTML: Bool) -> Bool {
        var html = startsHTML
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .contentType(let isHTML):
                html = isHTML
            case .variable(let name, let escaped):
                switch lookup(name) {
                case .missing: continue
                case .unsupported: return false
                case .value(let value):
                    guard let text = Self.text(value) else { return false }
                    output += escaped && html ? MarkupEscaping.escape(text) : text
                }
            case .section(let name, let body):
                switch lookup(name) {
                case .missing: continue
                case .unsupported: return false
                case .value(let value):
                    guard let shape = Value(value) else { return false }
                    switch shape {
                    case .list(let elements):
                        for element in elements {
                            guard renderPushing(element, body, html: html) else { return false }
                        }
                    case .flag(let flag):
                        if flag, !render(body, html: html) { return false }
                    case .text, .object, .number:
                        if !renderPushing(value, body, html: html) { return false }
                    }
                }
            case .invertedSection(let name, let body):
                switch lookup(name) {
                case .missing:
                    if !render(body, html: html) { return false }
                case .unsupported:
                    return false
                case .value(let value):
                    guard let shape = Value(value) else { return false }
                    switch shape {
                    case .list(let elements):
                        // swift-mustache renders it with the empty list as the current object.
                        if elements.isEmpty, !renderPushing(value, body, html: html) { return false }
                    case .flag(let flag):
                        if !flag, !render(body, html: html) { return false }
                    case .text, .object, .number:
                        continue
                    }
                }
            }
        }
        return true
    }

    private mutating func renderPushing(_ value: Any, _ body: [TemplateProgram.Node], html: Bool) -> Bool {
        stack.append(value)
        defer { stack.removeLast() }
        return render(body, html: html)
    }

    /// The value of `name`: its first part is looked up from the innermost object outwards, the others inside
    /// what the first found only.
    private func lookup(_ name: TemplateProgram.Name) -> Found {
        guard case .path(let parts) = name else { return stack.last.map(Found.value) ?? .missing }
        for object in stack.reversed() {
            switch Self.child(parts[0], of: object) {
            case .missing: continue
            case .unsupported: return .unsupported
            case .value(var value):
                for part in parts.dropFirst() {
                    switch Self.child(part, of: value) {
                    case .value(let child): value = child
                    case let other: return other
                    }
                }
                return .value(value)
            }
        }
        return .missing
    }

    /// An object's child: only objects have children (swift-mustache finds none in the other shapes either).
    private static func child(_ name: String, of object: Any) -> Found {
        // The two shapes of the contexts first, by their exact type: `as? [String: Any]` converts a
        // `[String: String]` element by element, and ran on every part of every name (70 M instructions per
        // 1,000 mails).
        let shape = type(of: object)
        if shape == [String: Any].self {
            return (object as! [String: Any])[name].map(Found.value) ?? .missing
        }
        if shape == [String: String].self {
            return (object as! [String: String])[name].map { Found.value($0) } ?? .missing
        }
        if let children = object as? [String: Any] { return children[name].map(Found.value) ?? .missing }
        return Value(object) == nil ? .unsupported : .missing
    }

    /// A variable's text, as swift-mustache writes it.
    private static func text(_ value: Any) -> String? {
        if let text = value as? String { return text }
        return Value(value).map { _ in String(describing: value) }
    }
}
