import Foundation
import GRDB

/// One saved version of a template.
public struct TemplateVersion: Sendable, Hashable {
    /// The row id.
    public var id: Int64
    /// The language folder.
    public var language: String
    /// The template name.
    public var name: String
    /// The plain-text part.
    public var text: String
    /// The HTML part, if any.
    public var html: String?
    /// Who saved it.
    public var author: String
    /// When.
    public var createdAt: Date

    /// Creates a value.
    public init(
        id: Int64, language: String, name: String, text: String, html: String?, author: String, createdAt: Date
    ) {
        self.id = id
        self.language = language
        self.name = name
        self.text = text
        self.html = html
        self.author = author
        self.createdAt = createdAt
    }
}

extension SQLiteStore: TemplateStore {
    /// Records a version of a template as it was saved.
    @discardableResult
    public func recordTemplateVersion(
        language: String, name: String, text: String, html: String?, author: String, now: Date
    ) throws -> Int64 {
        try StoreError.wrapping {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO templateVersion (language, name, text, html, author, createdAt)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [language, name, text, html, author, StoredDate.value(now)])
                return db.lastInsertedRowID
            }
        }
    }

    /// The saved versions of a template, newest first.
    public func templateVersions(language: String, name: String) throws -> [TemplateVersion] {
        try StoreError.wrapping {
            try pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM templateVersion WHERE language = ? AND name = ? ORDER BY id DESC",
                    arguments: [language, name]
                ).map {
                    TemplateVersion(
                        id: $0["id"], language: $0["language"], name: $0["name"], text: $0["text"], html: $0["html"],
                        author: $0["author"], createdAt: $0["createdAt"])
                }
            }
        }
    }
}
