import Testing

@testable import Triage

/// Hand-labelled examples (written for these tests) for the lexicon signals.
@Suite struct SignalTests {
    let detector = SignalDetector()

    @Test(arguments: [
        ("Hi, could you tell me your opening hours?", Urgency.low),
        ("I would like to update my newsletter preferences.", .low),
        ("Bonjour, je voudrais changer mon adresse.", .low),
        ("I need this sorted out today, my flight is tomorrow.", .medium),
        ("Still waiting for my refund, this is the third time I write.", .medium),
        ("Ich warte immer noch auf meine Bestellung.", .medium),
        ("This is urgent, please reply as soon as possible.", .high),
        ("Bitte dringend antworten, ich brauche die Rechnung sofort.", .high),
        ("Necesito una respuesta urgente.", .high),
        ("My account was hacked and someone made unauthorized purchases!", .critical),
        ("There are fraudulent charges on my card, this is an emergency", .critical),
        ("Mon compte a été piraté, c'est une urgence !", .critical),
        ("WHERE IS MY ORDER I PAID TWO WEEKS AGO!!", .high),
        ("Wo ist meine Bestellung? Seit Wochen! Grüße! Danke!", .low),  // marks, but never two in a row
        ("Wo ist meine Bestellung?!! Grüße", .medium),
    ])
    func urgency(text: String, expected: Urgency) {
        let signal = detector.signals(text).urgency
        #expect(signal.level == expected, "\(signal.evidence)")
        if expected != .low { #expect(!signal.evidence.isEmpty) }
    }

    @Test(arguments: [
        ("Thank you so much, the support was excellent!", Sentiment.positive),
        ("Great service, I love the new app.", .positive),
        ("Vielen Dank, alles hervorragend!", .positive),
        ("Muchas gracias, el servicio fue excelente.", .positive),
        ("Where is my order?", .neutral),
        ("Please send me the invoice for March. Thanks.", .neutral),
        ("Can you change my delivery address?", .neutral),
        ("This is unacceptable, I am very disappointed.", .negative),
        ("Worst service ever, absolutely useless.", .negative),
        ("I am not happy with the product at all.", .negative),
        ("Ich bin sehr enttäuscht, eine Frechheit.", .negative),
        ("C'est inacceptable, je suis déçu.", .negative),
        ("Thanks for nothing.", .negative),
        ("The product is not bad, thanks.", .positive),
    ])
    func sentiment(text: String, expected: Sentiment) {
        let signal = detector.signals(text).sentiment
        #expect(signal.level == expected, "\(signal.evidence)")
    }

    @Test(arguments: [
        ("How do I track my package?", ChurnRisk.low),
        ("Please send me a copy of the invoice.", .low),
        ("I want a refund for the broken item, it is terrible.", .medium),
        ("I would like to cancel my order, it was a mistake.", .low),
        ("This is the worst service ever, absolutely unacceptable.", .medium),
        ("Cancel my subscription, I am switching to your competitor.", .high),
        ("Close my account now, this is unacceptable. I will never order again.", .high),
        ("Ich will kündigen, nie wieder bei euch.", .high),
        ("Je veux résilier, je pars chez un concurrent.", .high),
    ])
    func churnRisk(text: String, expected: ChurnRisk) {
        let signal = detector.signals(text).churnRisk
        #expect(signal.level == expected, "\(signal.evidence)")
    }
}

/// Hand-labelled examples (written for these tests, not taken from the profiles' sample text).
@Suite struct LanguageDetectorTests {
    @Test(arguments: [
        ("Hi there, my package never showed up and I need help", "en"),
        ("Could you please cancel the subscription I started yesterday?", "en"),
        ("The invoice shows the wrong amount for my last purchase", "en"),
        ("Hallo, mein Paket ist leider nie angekommen, was kann ich tun?", "de"),
        ("Bitte stornieren Sie meine Bestellung von gestern", "de"),
        ("Die Rechnung zeigt einen falschen Betrag an", "de"),
        ("Bonjour, mon colis n'est jamais arrivé, pouvez-vous m'aider ?", "fr"),
        ("Je souhaite annuler ma commande passée hier soir", "fr"),
        ("La facture indique un montant incorrect", "fr"),
        ("Hola, mi paquete nunca llegó, ¿me pueden ayudar?", "es"),
        ("Quiero cancelar el pedido que hice ayer por la tarde", "es"),
        ("La factura muestra un importe incorrecto", "es"),
        ("Ciao, il mio pacco non è mai arrivato, potete aiutarmi?", "it"),
        ("Vorrei annullare l'ordine che ho fatto ieri sera", "it"),
        ("La fattura riporta un importo sbagliato", "it"),
        ("Olá, a minha encomenda nunca chegou, podem ajudar-me?", "pt"),
        ("Quero cancelar o pedido que fiz ontem à noite", "pt"),
        ("A fatura mostra um valor errado", "pt"),
        ("Hallo, mijn pakket is nooit aangekomen, kunnen jullie helpen?", "nl"),
        ("Ik wil graag mijn bestelling van gisteren annuleren", "nl"),
        ("De factuur toont een verkeerd bedrag", "nl"),
    ])
    func detects(text: String, expected: String) {
        let signal = LanguageDetector().detect(text)
        #expect(signal.level == expected, "score \(signal.score), evidence \(signal.evidence)")
    }

    @Test func tooLittleTextIsUndetermined() {
        #expect(LanguageDetector().detect("ok").level == "und")
        #expect(LanguageDetector().detect("12345 !!!").level == "und")
    }
}
