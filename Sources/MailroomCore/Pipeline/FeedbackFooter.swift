import Foundation

/// "Did this answer your question?" with a yes and a no link, in the customer's language, added to automatic
/// replies and agents' answers when the API is public (`http.publicURL`). The links carry a signed token, so the
/// customer needs no login and nobody can answer for another ticket.
enum FeedbackFooter {
    /// The question and the two answers, by language (English when the language has none).
    static let phrases: [String: (question: String, yes: String, no: String)] = [
        "en": ("Did this answer your question?", "Yes", "No"),
        "de": ("Hat diese Antwort Ihre Frage beantwortet?", "Ja", "Nein"),
        "fr": ("Cette réponse a-t-elle répondu à votre question ?", "Oui", "Non"),
        "es": ("¿Ha respondido esto a su pregunta?", "Sí", "No"),
    ]

    /// The footer's plain-text lines for the link `url` (the token already in it).
    static func text(url: String, language: String) -> String {
        let phrase = phrases[language] ?? phrases["en"]!
        return "\(phrase.question)\n\(phrase.yes): \(url)?answer=yes\n\(phrase.no): \(url)?answer=no"
    }

    /// The footer as an HTML paragraph (the URL holds only URL-safe characters: base URL and token).
    static func html(url: String, language: String) -> String {
        let phrase = phrases[language] ?? phrases["en"]!
        let escaped = url.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
        return "<p>\(phrase.question) <a href=\"\(escaped)?answer=yes\">\(phrase.yes)</a> / "
            + "<a href=\"\(escaped)?answer=no\">\(phrase.no)</a></p>"
    }
}
