import Testing

@testable import MailMessage

/// Mailing-list footers, device and app signatures (with what apps append below them) and closing valediction
/// blocks (categories 3 to 5 of issue 15).
@Suite struct ReplyTextSignatureTests {
    typealias Case = ReplyTextTests.Case

    static let note = "The lid of the kettle is broken.\n\n"
    static let noted = "The lid of the kettle is broken."

    static let listFooters: [Case] = [
        Case(
            "mailman",
            note + "_______________________________________________\nkettle-users mailing list\n"
                + "kettle-users@lists.store.example\nhttps://lists.store.example/mailman/listinfo/kettle-users\n", noted
        ),
        Case(
            "mailman 3",
            note + "_______________________________________________\nusers mailing list -- users@lists.example\n"
                + "To unsubscribe send an email to users-leave@lists.example\n", noted),
        Case(
            "google groups",
            note + "--\nYou received this message because you are subscribed to the Google Groups \"kettles\" group.\n"
                + "To unsubscribe from this group and stop receiving emails from it, send an email to "
                + "kettles+unsubscribe@googlegroups.com.\n", noted),
        Case(
            "groups.io",
            note + "-=-=-=-=-=-=-=-=-=-=-=-\nGroups.io Links: You receive all messages sent to this group.\n"
                + "View/Reply Online (#77): https://groups.io/g/kettles/message/77\n", noted),
        Case(
            "ezmlm",
            note + "---------------------------------------------------------------------\n"
                + "To unsubscribe, e-mail: users-unsubscribe@kettle.example\n", noted),
        Case(
            "after a bottom-posted answer",
            "On Wed, 5 Jun 2024, Kai <kai@lists.example> wrote:\n> Does 2.1 fix it?\n\nYes, it does.\n\n"
                + "_______________________________________________\ndev mailing list\nhttps://lists.example/listinfo/dev\n",
            "Yes, it does."),
    ]

    static let devices: [Case] =
        [
            "Sent from my iPhone", "Sent from my iPad", "Sent from TypeApp", "Sent from BlueMail", "Sent with Spark",
            "Get Outlook for iOS<https://aka.ms/o0ukef>", "Get Outlook for Android", "Sent from Yahoo Mail on Android",
            "Sent from Mail for Windows", "Sent from Outlook<http://aka.ms/weboutlook>",
            "Sent from my Samsung Galaxy smartphone.", "Sent from my HUAWEI P40", "Sent from my BlackBerry® device",
            "Sent via the Samsung Galaxy S22, an AT&T 5G smartphone", "Sent from my Verizon, Samsung Galaxy smartphone",
            "Sent from my Android phone with GMX Mail. Please excuse my brevity.",
            "Sent from my SM-G991B using Tapatalk", "- Sent from my iPhone",
            "Von meinem iPhone gesendet", "Gesendet von Outlook für Android", "Von meinem Handy gesendet",
            "Envoyé de mon iPhone", "Envoyé à partir de Courrier pour Windows", "Enviado desde mi iPhone",
            "Enviado do meu Galaxy", "Inviato da iPhone", "Inviato dal mio cellulare Huawei",
            "Verzonden vanaf mijn iPhone", "Verzonden vanuit Mail voor Windows", "Skickat från min iPhone",
            "Sendt fra min iPad", "Lähetetty iPhonesta", "Wysłane z iPhone'a", "Odesláno z iPhonu",
            "Отправлено с iPhone", "Отправлено из мобильной Почты Mail.ru", "iPhone'umdan gönderildi",
            "iPhone-ról küldve", "Στάλθηκε από το iPhone μου", "נשלח מה-iPhone שלי", "发自我的iPhone", "iPhoneから送信",
            "내 iPhone에서 보냄", "Obtenir Outlook pour Android", "Hämta Outlook för iOS",
            "Diese Nachricht wurde von meinem Android-Mobiltelefon mit WEB.DE Mail gesendet.",
            "Von meinem Samsung Galaxy Smartphone gesendet.", "Gesendet mit der GMX Mail App",
        ].map { Case($0, "I will collect it on Friday.\n\n\($0)\n", "I will collect it on Friday.") }
        + [
            Case(
                "with the unmarked original below",
                "Fine, cancel it.\n\nSent from my iPhone\n\nDear Ms. Roth,\nyour order 3391 is ready.\nKind regards\nStore\n",
                "Fine, cancel it."),
            Case(
                "with a marked original below",
                "Thanks\n\nSent from my Galaxy\n\n-------- Original message --------\nFrom: Store <shop@store.example>\n",
                "Thanks"),
        ]

    static let valedictions: [Case] = [
        Case("regards name title", note + "Regards,\nMia Roth\nHead of Facilities\n", noted),
        Case("best regards with phone", note + "Best regards,\nMia Roth\nRoth GmbH\n+49 30 1234567\n", noted),
        Case("kind regards with the name on the line", note + "Kind regards, Mia Roth\nFacilities Manager\n", noted),
        Case("thanks with link", note + "Thanks,\nMia\nRoth GmbH\nhttps://roth.example\n", noted),
        Case("thanks and regards", note + "Thanks & Regards,\nRavi\nPurchasing\n", noted),
        Case("blank line inside", note + "Regards,\n\nMia Roth\nFacilities\n", noted),
        Case(
            "with a disclaimer",
            note + "Regards,\nMia Roth\n\nThis e-mail is confidential. If you are not the intended\n"
                + "recipient, please delete it.\n", noted),
        Case("de", "Bitte um Rückruf.\n\nMit freundlichen Grüßen\nMia Roth\nEinkauf\n", "Bitte um Rückruf."),
        Case("fr", "Merci de rappeler.\n\nCordialement,\nLéa Petit\nAchats\n", "Merci de rappeler."),
        Case("es", "Necesito la factura.\n\nUn saludo,\nEva Ruiz\nCompras\n", "Necesito la factura."),
        Case("nl", "Graag terugbellen.\n\nMet vriendelijke groet,\nSanne de Wit\nInkoop\n", "Graag terugbellen."),
        Case("sv", "Ring mig gärna.\n\nMed vänliga hälsningar\nErik Lund\nInköp\n", "Ring mig gärna."),
        Case("ru", "Перезвоните, пожалуйста.\n\nС уважением,\nИван Петров\nЗакупки\n", "Перезвоните, пожалуйста."),
        Case(
            "bottom-post then a valediction block",
            "On Wed, 5 Jun 2024, Kai <kai@store.example> wrote:\n> Which size?\n\nSize 42.\n\nRegards,\nMia Roth\nRoth GmbH\n",
            "Size 42."),
    ]

    @Test(arguments: listFooters)
    func mailingListFootersGo(_ reply: Case) {
        #expect(ReplyText.newText(reply.input) == reply.expected)
    }

    @Test(arguments: devices)
    func deviceSignaturesGo(_ reply: Case) {
        #expect(ReplyText.newText(reply.input) == reply.expected)
    }

    @Test(arguments: valedictions)
    func valedictionBlocksGo(_ reply: Case) {
        #expect(ReplyText.newText(reply.input) == reply.expected)
    }
}
