import Testing

@testable import MailMessage

/// What must stay: the customer's own words that look like the markers the other tables remove.
@Suite struct ReplyTextKeepTests {
    typealias Case = ReplyTextTests.Case

    /// Each input is its own expected output.
    static let unchanged: [String] = [
        "Hello,\n\nmy confirmation says:\n\n> Order 3391: 2 x Kettle\n> Total: 59.80 EUR\n\nbut only one kettle came.",
        "The app shows\n> Payment declined (code 51)\nalthough my card works everywhere else.",
        "I get this error:\n\n> Error 500: internal server error",
        "You promised\n> refund within 5 days\nand it has been two weeks.",
        "Hello,\n\nOn 3 June I wrote:\n> the kettle leaks\nSince then nothing happened.",
        "Hei,\n\nDen 3. juni skrev jeg til dere:\n> kjelen lekker\nIngen har svart.",
        "Hello,\n\nOn Monday I wrote to you: the kettle leaks.\nSince then nothing happened.\n\nMia",
        "On 3 June 2024 I wrote to Kai <kai@store.example> about it and got no answer.",
        "On your account page you can see:\n\n    Order 3391, shipped\n\nbut nothing arrived.",
        "Sent from my desk, which is easier than my phone.",
        "Sent from my office yesterday: the invoice for May.\nPlease check it.",
        "Sent with love from all of us, the cake was great!",
        "Regards from Oslo!\nI have a question about my contract.\nCan I cancel monthly?",
        "Regards to your team, the kettle is great!",
        "Thanks, Mia",
        "Thanks,\nMia",
        "Please cancel my order.\n\nBest regards\nMia",
        "Please cancel my order.\n\nKind regards,\nMia Roth",
        "Takk for hjelpen.\n\nVennlig hilsen\nOla",
        "The kettle leaks.\n\nThanks,\nMia\n\nP.S. The order number is 3391.",
        "All good.\n\nCheers,\nTom\n\nPS: the code was KX-22",
        "Thanks for the quick reply!\nMia",
        "From: Oslo to Bergen the parcel took a week.\nIs that normal?",
        "Date: next Tuesday\nTo: the warehouse\nPlease confirm the pickup.",
        "Total\n______\n59.80 EUR\nThat is too much.",
        "Missing items:\n- lid\n- filter",
        "Hi there\n\nA delimiter inside a line -- stays.",
        "Hi\n\n---\nI want to unsubscribe from the newsletter, how?\n\nThanks",
        "Please remove me from your mailing list.\n\nThanks",
        "Visit us for help...\n>>> >>> http://www.store.example <<<\nVisit the site with the link above",
        "Response\n\n10/06/2024 @ 9:30 am for the repair\nWorkshop\n12 Main Street\nOslo 0150",
        "Items:\n--\nlid\nfilter\n--\nWhich one is missing?\nIt was in the box.\nPlease check the order.\nIt is 3391.\nThanks.",
    ]

    static let inlineAnswers: [Case] = [
        Case(
            "answers after an attribution at the top",
            "On Wed, 5 Jun 2024, Kai <kai@store.example> wrote:\n> What is your order number?\n\n3391\n\n"
                + "> Which colour?\n\nBlack\n",
            "3391\n\nBlack"),
        Case(
            "answers between quotes without an attribution", "Hi,\n\n> Which size?\n\n42\n\n> Which colour?\n\nBlack\n",
            "Hi,\n\n42\n\nBlack"),
        Case(
            "interleaved answers and a signature",
            "On Wed, 5 Jun 2024, Kai <kai@store.example> wrote:\n> Size?\n42\n> Colour?\nBlack\n\n-- \nMia\n",
            "42\nBlack"),
    ]

    @Test(arguments: unchanged)
    func theCustomersOwnWordsStay(_ text: String) {
        #expect(ReplyText.newText(text) == text)
    }

    @Test(arguments: inlineAnswers)
    func inlineAnswersStay(_ reply: Case) {
        #expect(ReplyText.newText(reply.input) == reply.expected)
    }
}
