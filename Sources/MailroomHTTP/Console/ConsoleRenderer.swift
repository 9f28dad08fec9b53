import Foundation
import Hummingbird
import Mustache

/// The console's pages: Mustache templates shipped in the target's resources (`Resources/console/*.mustache`).
/// Every `{{value}}` is HTML-escaped by the engine (`& < > " '`); the only unescaped output is the layout's
/// `{{{body}}}` (the page, rendered by the same engine) and `{{{svg}}}` of the charts, which ``SVGChart`` builds
/// from numbers and escaped labels.
struct ConsoleRenderer: Sendable {
    let library: MustacheLibrary

    /// The templates, read once.
    static let shared: Result<ConsoleRenderer, any Error> = Result {
        guard let folder = Bundle.module.url(forResource: "console", withExtension: nil) else {
            throw ConsoleRefusal.badForm("the console's templates are missing from the build")
        }
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        for file in files where file.pathExtension == "mustache" {
            let text = try String(contentsOf: file, encoding: .utf8)
            try library.register(text, named: file.deletingPathExtension().lastPathComponent)
        }
        return ConsoleRenderer(library: library)
    }

    /// A whole page: `template` rendered with `data`, inside the layout with the navigation for `page`.
    func page(
        _ template: String, title: String, page: ConsolePage, data: [String: Any] = [:],
        status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        var values = page.values
        values.merge(data) { _, new in new }
        values["title"] = title
        values = Self.blanked(values) as? [String: Any] ?? values
        let body = library.render(values, withTemplate: template) ?? ""
        values["body"] = body
        let html = library.render(values, withTemplate: "layout") ?? body
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

extension ConsoleRenderer {
    /// Every empty string in `value` (deeply) replaced by ``Blank``, so that `{{#key}}` is false for it.
    static func blanked(_ value: Any) -> Any {
        switch value {
        case let text as String: return text.isEmpty ? Blank() : text
        case let dictionary as [String: Any]: return dictionary.mapValues(blanked)
        case let array as [[String: Any]]: return array.map { blanked($0) }
        case let array as [String]: return array.map { blanked($0) }
        case let array as [Any]: return array.map(blanked)
        default: return value
        }
    }

    /// An empty value: renders as nothing and counts as false in a section (Mustache's own rule treats any
    /// string, even an empty one, as true), without falling back to a key of the same name further out.
    struct Blank: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }
}

/// What every page shows around its content: who is logged in, the navigation their role allows, the CSRF token
/// for the logout form, and a message.
struct ConsolePage: Sendable {
    var session: ConsoleSession?
    var flash: String?
    var error: String?
    var active: String = ""

    var values: [String: Any] {
        var values: [String: Any] = ["active_" + active: true]
        if let flash { values["flash"] = flash }
        if let error { values["error"] = error }
        guard let session else { return values }
        let role = session.identity.role
        values["user"] = session.identity.name
        values["userRole"] = role.rawValue
        values["csrf"] = session.csrf
        values["loggedIn"] = true
        values["isManager"] = role.includes(.manager)
        values["isAdmin"] = role.includes(.admin)
        return values
    }
}
