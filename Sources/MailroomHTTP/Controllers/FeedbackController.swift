import Foundation
import Hummingbird
import MailroomCore

/// `/feedback/{token}`: the customer's "Did this answer your question?" without a login (the token is signed and
/// names one mail of one ticket). `GET ?answer=yes|no` records the answer and shows a short page in the
/// customer's language with an optional rating; `POST` (a form: `rating` 1-5, `comment`) adds it.
struct FeedbackController {
    let feedback: any FeedbackBackend
    let limiter: RateLimiter

    func addRoutes(to router: Router<MailroomRequestContext>) {
        router.get("feedback/:token", use: answer)
        router.post("feedback/:token", use: rate)
    }

    @Sendable func answer(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        if let wait = await limiter.take(context.clientAddress) { throw APIError.tooMany(retryAfter: wait) }
        let token = try Self.token(context)
        guard let value = request.query("answer"), value == "yes" || value == "no" else {
            throw APIError.invalid("'answer' must be yes or no")
        }
        guard let page = try await feedback.answer(token: token, helpful: value == "yes") else {
            throw APIError.notFound("feedback link")
        }
        return FeedbackPageRenderer.response(page, token: token)
    }

    @Sendable func rate(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        if let wait = await limiter.take(context.clientAddress) { throw APIError.tooMany(retryAfter: wait) }
        let token = try Self.token(context)
        let fields = try await RequestBody.form(request, context)
        var rating: Int?
        if let value = fields["rating"], !value.isEmpty {
            guard let number = Int(value), (1...5).contains(number) else {
                throw APIError.invalid("'rating' must be a number from 1 to 5")
            }
            rating = number
        }
        let comment = fields["comment"].map { String($0.prefix(2000)) }.flatMap { $0.isEmpty ? nil : $0 }
        guard let page = try await feedback.rate(token: token, rating: rating, comment: comment) else {
            throw APIError.notFound("feedback link")
        }
        return FeedbackPageRenderer.response(page, token: token)
    }

    static func token(_ context: MailroomRequestContext) throws -> String {
        let token = try context.parameters.require("token")
        guard token.utf8.count <= 80 else { throw APIError.notFound("feedback link") }
        return token
    }
}

/// The page a customer sees after a feedback link, in their language (en, de, fr, es), with Mailroom's own CSS and
/// no script.
enum FeedbackPageRenderer {
    struct Words {
        var thanksYes, thanksNo, rate, comment, send, rated: String
    }

    static let words: [String: Words] = [
        "en": Words(
            thanksYes: "Thank you! We are glad the answer helped.",
            thanksNo: "Thank you for telling us. A member of our team will look at your question and reply by email.",
            rate: "How would you rate our answer? (1 = poor, 5 = excellent)",
            comment: "Anything else you want to tell us?",
            send: "Send", rated: "Thank you for your rating."),
        "de": Words(
            thanksYes: "Vielen Dank! Schön, dass die Antwort geholfen hat.",
            thanksNo:
                "Danke für Ihre Rückmeldung. Jemand aus unserem Team sieht sich Ihre Frage an und antwortet per E-Mail.",
            rate: "Wie bewerten Sie unsere Antwort? (1 = schlecht, 5 = sehr gut)",
            comment: "Möchten Sie uns noch etwas sagen?",
            send: "Senden", rated: "Vielen Dank für Ihre Bewertung."),
        "fr": Words(
            thanksYes: "Merci ! Nous sommes heureux que la réponse vous ait aidé.",
            thanksNo:
                "Merci de nous l’avoir dit. Un membre de notre équipe va examiner votre question et vous répondre par e-mail.",
            rate: "Comment évaluez-vous notre réponse ? (1 = mauvaise, 5 = excellente)",
            comment: "Souhaitez-vous ajouter quelque chose ?", send: "Envoyer", rated: "Merci pour votre évaluation."),
        "es": Words(
            thanksYes: "¡Gracias! Nos alegra que la respuesta le haya servido.",
            thanksNo:
                "Gracias por decírnoslo. Una persona de nuestro equipo revisará su pregunta y le responderá por correo.",
            rate: "¿Cómo valora nuestra respuesta? (1 = mala, 5 = excelente)", comment: "¿Quiere decirnos algo más?",
            send: "Enviar", rated: "Gracias por su valoración."),
    ]

    static func response(_ page: FeedbackPage, token: String) -> Response {
        let language = words[page.language] == nil ? "en" : page.language
        let text = words[language]!
        let message = page.rated ? text.rated : (page.helpful ? text.thanksYes : text.thanksNo)
        var body = "<p>\(escape(message))</p>"
        if !page.rated {
            let options = (1...5).map { "<label><input type=\"radio\" name=\"rating\" value=\"\($0)\"> \($0)</label>" }
                .joined(separator: " ")
            body += """
                <form method="post" action="/feedback/\(escape(token))">
                <p>\(escape(text.rate))</p><p>\(options)</p>
                <p><label>\(escape(text.comment))<br><textarea name="comment" rows="4" maxlength="2000"></textarea></label></p>
                <p><button type="submit">\(escape(text.send))</button></p>
                </form>
                """
        }
        let html = """
            <!DOCTYPE html>
            <html lang="\(language)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>\(escape(page.ticket))</title><link rel="stylesheet" href="/static/mailroom.css"></head>
            <body class="feedback">\(body)</body></html>
            """
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// HTML escaping for text and attribute values.
    static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text)
    }
}
