import Foundation
import MailroomCore

/// A quarantined message.
public struct QuarantineView: Codable, Sendable, Hashable {
    /// Its id.
    public var id: Int64
    /// Why.
    public var reason: String
    /// What happened, for people.
    public var detail: String
    /// The sender's address.
    public var from: String?
    /// The subject.
    public var subject: String?
    /// When it was made.
    public var createdAt: Date
    /// Creates a value.
    public init(id: Int64, reason: String, detail: String, from: String?, subject: String?, createdAt: Date) {
        self.id = id
        self.reason = reason
        self.detail = detail
        self.from = from
        self.subject = subject
        self.createdAt = createdAt
    }
}

/// `GET /api/v1/quarantine` answer.
public struct QuarantineList: Codable, Sendable {
    /// The messages, newest first.
    public var messages: [QuarantineView]
    /// Creates a value.
    public init(messages: [QuarantineView]) { self.messages = messages }
}

/// `POST /api/v1/quarantine/{id}/dismiss` body.
public struct DismissRequest: Codable, Sendable {
    /// Why.
    public var reason: String
}

/// `GET /api/v1/outbox` answer.
public struct OutboxList: Codable, Sendable {
    /// The outgoing mail, newest first.
    public var mail: [OutboxView]
    /// Creates a value.
    public init(mail: [OutboxView]) { self.mail = mail }
}

/// A learned answer.
public struct KnowledgeView: Codable, Sendable, Hashable {
    /// Its id.
    public var id: Int64
    /// Where it stands.
    public var state: KnowledgeState
    /// The ticket it belongs to.
    public var ticket: String
    /// The intent.
    public var intent: String?
    /// The language.
    public var language: String?
    /// The customer's question.
    public var question: String
    /// The answer.
    public var answer: String
    /// Who wrote it (or last edited it).
    public var author: String?
    /// How often it was reused by an automatic reply.
    public var reuseCount: Int
    /// What the personal-data screen found when it was last checked.
    public var findings: [String]
    /// Creates a value.
    public init(
        id: Int64, state: KnowledgeState, ticket: String, intent: String?, language: String?, question: String,
        answer: String, author: String?, reuseCount: Int, findings: [String]
    ) {
        self.id = id
        self.state = state
        self.ticket = ticket
        self.intent = intent
        self.language = language
        self.question = question
        self.answer = answer
        self.author = author
        self.reuseCount = reuseCount
        self.findings = findings
    }
}

/// `GET /api/v1/knowledge` answer.
public struct KnowledgeList: Codable, Sendable {
    /// The entries, oldest first.
    public var entries: [KnowledgeView]
    /// Creates a value.
    public init(entries: [KnowledgeView]) { self.entries = entries }
}

/// `PUT /api/v1/knowledge/{id}` body.
public struct KnowledgeUpdate: Codable, Sendable {
    /// The answer.
    public var answer: String
}

/// `POST /api/v1/knowledge/{id}/reject` body (optional).
public struct RejectRequest: Codable, Sendable {
    /// Why.
    public var reason: String?
}

/// What a knowledge review did.
public enum KnowledgeReviewResult: Sendable {
    /// Done; the entry as it is now.
    case done(KnowledgeView)
    /// Refused, with the reasons.
    case refused([String])
    /// There is none.
    case notFound
}

/// One problem a template check found.
public struct TemplateProblemView: Codable, Sendable, Hashable {
    /// The file, relative to the template directory.
    public var file: String
    /// The line, when known.
    public var line: Int?
    /// `error` or `warning`.
    public var severity: String
    /// What is wrong.
    public var message: String
    /// Creates a value.
    public init(file: String, line: Int?, severity: String, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }
}

/// A template in the list.
public struct TemplateEntry: Codable, Sendable, Hashable {
    /// The language.
    public var language: String
    /// The name.
    public var name: String
    /// What it is for.
    public var kind: String
    /// Whether it has an HTML part.
    public var hasHTML: Bool
    /// Creates a value.
    public init(language: String, name: String, kind: String, hasHTML: Bool) {
        self.language = language
        self.name = name
        self.kind = kind
        self.hasHTML = hasHTML
    }
}

/// `GET /api/v1/templates` answer.
public struct TemplateList: Codable, Sendable {
    /// The templates.
    public var templates: [TemplateEntry]
    /// Templates that should exist but do not.
    public var missing: [TemplateEntry]
    /// The checker's problems.
    public var problems: [TemplateProblemView]
    /// Creates a value.
    public init(templates: [TemplateEntry], missing: [TemplateEntry], problems: [TemplateProblemView]) {
        self.templates = templates
        self.missing = missing
        self.problems = problems
    }
}

/// `GET|PUT /api/v1/templates/{language}/{name}`: the text (and optional HTML) of one template.
public struct TemplateText: Codable, Sendable, Hashable {
    /// The plain-text part.
    public var text: String
    /// The HTML part, if any.
    public var html: String?
    /// Creates a value.
    public init(text: String, html: String?) {
        self.text = text
        self.html = html
    }
}

/// What saving a template did.
public enum TemplateSaveResult: Sendable {
    /// Saved; the template as it is now.
    case saved(TemplateText)
    /// Refused, with the reasons.
    case refused([TemplateProblemView])
    /// There is none.
    case notFound
}

/// One saved version of a template.
public struct TemplateVersionView: Codable, Sendable, Hashable {
    /// The version's id.
    public var id: Int64
    /// The plain-text part.
    public var text: String
    /// The HTML part, if any.
    public var html: String?
    /// Who saved it.
    public var author: String
    /// When.
    public var createdAt: Date

    /// Creates a view.
    public init(id: Int64, text: String, html: String?, author: String, createdAt: Date) {
        self.id = id
        self.text = text
        self.html = html
        self.author = author
        self.createdAt = createdAt
    }
}

/// `POST /api/v1/templates/preview` body: a template text (or a stored template) rendered for a ticket.
public struct PreviewRequest: Codable, Sendable {
    /// The language.
    public var language: String
    /// The name.
    public var name: String
    /// The plain-text part.
    public var text: String?
    /// The ticket it belongs to.
    public var ticket: String?
}

/// `POST /api/v1/templates/preview` answer.
public struct PreviewResponse: Codable, Sendable {
    /// The plain-text part.
    public var text: String
    /// The HTML part, if any.
    public var html: String?
    /// The language.
    public var language: String
    /// The checker's problems.
    public var problems: [TemplateProblemView]
    /// Creates a value.
    public init(text: String, html: String?, language: String, problems: [TemplateProblemView]) {
        self.text = text
        self.html = html
        self.language = language
        self.problems = problems
    }
}

/// `GET /api/v1/users` answer.
public struct UserList: Codable, Sendable {
    /// The accounts.
    public var users: [UserView]
    /// Creates a value.
    public init(users: [UserView]) { self.users = users }
}

/// `GET /ready` answer.
public struct Readiness: Codable, Sendable {
    /// Whether Mailroom is ready for work.
    public var ready: Bool
    /// `ok` or `unreachable`.
    public var store: String
    /// `ok`, `failing` or `no recent poll`.
    public var intake: String
    /// The last successful poll.
    public var lastPollAt: Date?
    /// The store's database: `sqlite` or `postgresql`.
    public var database: String?
    /// The language model's circuit breaker: `closed`, `open` (calls paused, the local classifier decides) or
    /// `half_open`; absent when no model is configured. An open breaker does not make Mailroom unready.
    public var llm: String?
    /// Creates a value.
    public init(ready: Bool, store: String, intake: String, lastPollAt: Date?) {
        self.ready = ready
        self.store = store
        self.intake = intake
        self.lastPollAt = lastPollAt
    }
}

/// A customer's answer through a feedback link, and the page to show.
public struct FeedbackPage: Sendable {
    /// The language.
    public var language: String
    /// The ticket it belongs to.
    public var ticket: String
    /// Whether the answer helped.
    public var helpful: Bool
    /// Whether a rating was given.
    public var rated: Bool
    /// Creates a value.
    public init(language: String, ticket: String, helpful: Bool, rated: Bool) {
        self.language = language
        self.ticket = ticket
        self.helpful = helpful
        self.rated = rated
    }
}
