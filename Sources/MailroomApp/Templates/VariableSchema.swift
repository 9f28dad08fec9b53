/// The shape of the variables a template sees, built from ``TemplateVariable/all``, for checking names.
indirect enum VariableSchema: Sendable, Hashable {
    /// A group of named variables (`customer`, or the root).
    case object([String: VariableSchema])
    /// A string.
    case text
    /// A number (only ever the result of a transform such as `count` or `index`).
    case number
    /// A boolean (only ever the result of a transform such as `empty`).
    case bool
    /// A list whose elements have the given shape.
    case list(VariableSchema)

    /// The root object of every documented variable.
    static let root: VariableSchema = {
        var root = VariableSchema.object([:])
        for variable in TemplateVariable.all {
            let leaf: VariableSchema =
                switch variable.shape {
                case .text: .text
                case .list: .list(.text)
                case .records(let fields): .list(.object(Dictionary(uniqueKeysWithValues: fields.map { ($0, .text) })))
                }
            root.insert(leaf, at: variable.name.split(separator: ".").map(String.init)[...])
        }
        return root
    }()

    /// The child called `key`, when this is an object that has it.
    func child(_ key: String) -> VariableSchema? {
        guard case .object(let children) = self else { return nil }
        return children[key]
    }

    /// A word for error messages.
    var noun: String {
        switch self {
        case .object: "a group of variables"
        case .text: "a text"
        case .number: "a number"
        case .bool: "a yes/no value"
        case .list: "a list"
        }
    }

    private mutating func insert(_ leaf: VariableSchema, at path: ArraySlice<String>) {
        guard let key = path.first, case .object(var children) = self else { return }
        if path.count == 1 {
            children[key] = leaf
        } else {
            var child = children[key] ?? .object([:])
            child.insert(leaf, at: path.dropFirst())
            children[key] = child
        }
        self = .object(children)
    }
}

extension VariableSchema {
    /// The result of applying swift-mustache's transform `name` to a value of this shape, if it applies.
    func applying(_ name: String) -> VariableSchema? {
        switch (self, name) {
        case (.text, "empty"), (.list, "empty"), (.object, "empty"): .bool
        case (.text, "capitalized"), (.text, "lowercased"), (.text, "uppercased"), (.text, "reversed"): .text
        case (.list(let element), "first"), (.list(let element), "last"): element
        case (.list, "reversed"): self
        case (.list(.text), "sorted"): self
        case (.list, "count"), (.object, "count"): .number
        case (.number, "equalzero"), (.number, "even"), (.number, "odd"): .bool
        case (.number, "plusone"), (.number, "minusone"): .number
        default: nil
        }
    }

    /// The result of a sequence-context transform (`{{index()}}` inside a list section), if it exists.
    static func sequenceTransform(_ name: String) -> VariableSchema? {
        switch name {
        case "first", "last", "even", "odd": .bool
        case "index": .number
        default: nil
        }
    }
}
