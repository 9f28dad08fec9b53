import MailMessage

extension TemplateContext {
    /// The documented sample context `mailroom templates preview` renders with when no ticket is given.
    ///
    /// Every variable is set (so every part of a template shows), with the example values of
    /// `templates/README.md`; the intent is `intent` when given, else `track_order`. With `resolution: false`
    /// the reused answer is left out, to preview the generic text of intent templates.
    public static func sample(intent: String? = nil, resolution: Bool = true) -> TemplateContext {
        TemplateContext(
            customer: Customer(
                displayName: "Anna Schmidt", email: "anna.schmidt@example.org",
                text: "Hello, I ordered a lamp on 12 November and the tracking has not changed for five days."),
            ticket: Ticket(id: "MR-7K4QX2", subject: "Where is my order?", reference: "[ref:MR-7K4QX2:5f2c9a]"),
            company: Company(name: "Example Shop", supportAddress: "support@example.com"),
            intent: Intent(name: intent ?? "track_order", confidence: 0.92),
            resolution: resolution ? sampleResolution : nil,
            agent: Agent(
                name: "Jonas Weber",
                answer: "I have asked the carrier to check where your parcel is. You will hear from me by Friday."),
            escalation: Escalation(
                reasons: ["the customer asks for a person", "negative sentiment with high urgency"],
                signals: Signals(urgency: "high", sentiment: "negative", churnRisk: "medium", language: "en"),
                similar: [
                    SimilarTicket(
                        ticketId: "MR-2B8DX4", score: 0.87,
                        excerpt: "The carrier confirmed the parcel was held at the depot and delivered it the next day."
                    )
                ],
                messageSubject: "Re: Where is my order?", messageDate: "Fri, 21 Nov 2025 10:42:07 +0100",
                author: Author(address: Address(name: "Sam Stranger", address: "sam@example.net"), role: .thirdParty),
                draft: "Thank you for your message. Your parcel left our warehouse on Monday."))
    }

    private static let sampleResolution = Resolution(
        text: """
            Parcels are handed to the carrier within two working days of the order. The shipping confirmation \
            email contains the tracking link; if the tracking has not changed for three working days, reply to \
            this email and we will ask the carrier to investigate.
            """,
        ticketId: "MR-2B8DX4", score: 0.87)
}
