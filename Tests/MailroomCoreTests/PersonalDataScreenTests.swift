import Testing

@testable import MailroomCore

/// Finding 2 of the trust issue: the screen that keeps one customer's data out of answers reused for others.
@Suite struct PersonalDataScreenTests {
    typealias Kind = PersonalDataScreen.Finding.Kind

    static let found: [(String, Kind)] = [
        ("Write to anna.schmidt@example.org for the label.", .emailAddress),
        ("Call us back on +44 20 7946 0958.", .phoneNumber),
        ("Ruf mich an: 0151 2345 6789", .phoneNumber),
        ("The card 4111 1111 1111 1111 was charged twice.", .cardNumber),
        ("We refunded to DE89 3704 0044 0532 0130 00 today.", .iban),
        ("Your parcel goes to 12 Baker Street, London.", .postalAddress),
        ("Lieferung an Hauptstraße 5, 10115 Berlin.", .postalAddress),
        ("Send it to SW1A 1AA please.", .postalAddress),
        ("Your order #A10-1234 was shipped.", .referenceNumber),
        ("Order 55821934 is on its way.", .referenceNumber),
        ("Kundennummer 448812 ist gesperrt.", .referenceNumber),
        ("Dear Anna, your refund is on its way.", .customerName),
        ("Hello {{ticket.secret}}", .unknownPlaceholder),
    ]

    @Test(arguments: found)
    func findsPersonalData(_ text: String, _ kind: Kind) {
        let findings = PersonalDataScreen.findings(
            in: text, customerName: "Anna Schmidt", customerEmail: "anna.schmidt@example.org")
        #expect(findings.contains { $0.kind == kind }, "\(findings)")
    }

    static let clean = [
        "Parcels are handed to the carrier within 2-5 working days; you get a tracking link by email.",
        "Hello {{customerName}}, your ticket {{ticketId}} is answered. Refunds take 14 days.",
        "Our shop is open Monday to Friday, 9:00 to 17:00. Returns are free within 30 days.",
        "Version 2.3.1 of the app fixes the login; update it from the store on 2026-11-21.",
        "The quickest way is the returns portal: print the label and drop the parcel at any post office.",
        "Prices start at €49.99 and delivery costs 4.95.",
    ]

    @Test(arguments: clean)
    func leavesGenericAnswersAlone(_ text: String) {
        let findings = PersonalDataScreen.findings(
            in: text, customerName: "Anna Schmidt", customerEmail: "anna.schmidt@example.org")
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func findingsAreMasked() {
        let findings = PersonalDataScreen.findings(
            in: "card 4111 1111 1111 1111", customerName: nil, customerEmail: nil)
        #expect(findings.map(\.description) == ["a payment card number (41•• •••• •••• ••11)"])
    }

    @Test func luhnAndIBANChecksRejectLookAlikes() {
        #expect(DigitRuns.isLuhnValid("4111111111111111"))
        #expect(!DigitRuns.isLuhnValid("4111111111111112"))
        #expect(PersonalDataWords.isIBAN("DE89370400440532013000"))
        #expect(!PersonalDataWords.isIBAN("DE89370400440532013001"))
    }

    @Test func placeholdersAreFilledForTheNewCustomer() {
        let context = TemplateContext(
            customer: .init(displayName: "Bob Jones", email: "bob@example.com"),
            ticket: .init(id: "MR-B0B001", subject: "x", reference: ""),
            company: .init(name: "Shop", supportAddress: "support@shop.example"))
        #expect(
            KnowledgePlaceholders.fill(
                "Hi {{customerName}}, about {{ ticketId }} from {{companyName}}", context: context)
                == "Hi Bob, about MR-B0B001 from Shop")
    }
}
