import Testing

@testable import MailMessage

/// Reply headers in the shapes and languages mail clients write them (category 1 of issue 15), and what is
/// left below a recognised header (category 2): all of it is history in a top-post.
@Suite struct ReplyTextHeaderTests {
    typealias Case = ReplyTextTests.Case

    static let ask = "Where is my parcel? Order 3391.\n\n"
    static let asked = "Where is my parcel? Order 3391."

    static let attributions: [Case] = [
        Case(
            "en without colon", ask + "On Wed, Jun 5, 2024 at 9:41 AM Kai Lund <kai@store.example> wrote\n\n> Hi\n",
            asked),
        Case(
            "en without colon wrapped",
            ask + "On Wed, 5 Jun 2024 09:41:10 +0200, Store Team\n<team@store.example> wrote\n> Hello\n", asked),
        Case("date first with quotes", ask + "05.06.2024, 09:41, \"Store Team\" <team@store.example>:\n> Hi\n", asked),
        Case("date first dotted time", ask + "05.06.2024, 09.41, \"Store Team\" <team@store.example>:\n> Hi\n", asked),
        Case("iso date gmt", ask + "2024-06-05 9:41 GMT+02:00 Store Team <team@store.example>:\n\n> Hi\n", asked),
        Case(
            "iso date unquoted history", ask + "2024-06-05 9:41 GMT+02:00 Kai <kai@store.example>:\n\nDear customer\n",
            asked),
        Case("time first", ask + "09:41 AM, June 5, 2024, Kai Lund <kai@store.example>:\n> Hi\n", asked),
        Case("weekday from", ask + "Wednesday, 5 June 2024, 09:41 +03:00 from Kai <kai@store.example>:\n> Hi\n", asked),
        Case("mail.ru ot", ask + "Среда, 5 июня 2024, 9:41 +03:00 от Магазин <shop@store.example>:\n> Привет\n", asked),
        Case("gmail ru", ask + "ср, 5 июн. 2024 г. в 09:41, Магазин <shop@store.example>:\n\n> Добрый день\n", asked),
        Case("gmail ja", ask + "2024年6月5日(水) 9:41 Store <shop@store.example>:\n\n> こんにちは\n", asked),
        Case("gmail ko", ask + "2024년 6월 5일 (수) 오전 9:41, Store <shop@store.example>님이 작성:\n\n> 안녕하세요\n", asked),
        Case("gmail zh", ask + "Store <shop@store.example> 于2024年6月5日周三 09:41写道：\n\n> 你好\n", asked),
        Case("fi gmail", ask + "ke 5. kesäk. 2024 klo 9.41 Kauppa <shop@store.example> kirjoitti:\n\n> Hei\n", asked),
        Case("fi thunderbird", ask + "Kauppa kirjoitti 5.6.2024 klo 9.41:\n> Hei\n", asked),
        Case("ru apple", ask + "5 июня 2024 г., в 9:41, Магазин <shop@store.example> написал(а):\n\n> Привет\n", asked),
        Case("ru thunderbird", ask + "05.06.2024 9:41, Магазин пишет:\n> Привет\n", asked),
        Case("uk gmail", ask + "ср, 5 черв. 2024 р. о 09:41 Магазин <shop@store.example> пише:\n\n> Привіт\n", asked),
        Case("sv gmail", ask + "Den ons 5 juni 2024 kl 09:41 skrev Butik <shop@store.example>:\n\n> Hej\n", asked),
        Case("sv thunderbird", ask + "Den 2024-06-05 kl. 09:41, skrev Butik:\n> Hej\n", asked),
        Case("no gmail", ask + "ons. 5. jun. 2024 kl. 09:41 skrev Butikk <shop@store.example>:\n\n> Hei\n", asked),
        Case(
            "da apple unquoted", ask + "Den 5. jun. 2024 kl. 09.41 skrev Butik <shop@store.example>:\n\nHej Lars\n",
            asked),
        Case("pl thunderbird", ask + "W dniu 5.06.2024 o 09:41, Sklep pisze:\n> Dzień dobry\n", asked),
        Case(
            "cs gmail", ask + "st 5. 6. 2024 v 9:41 odesílatel Obchod <shop@store.example> napsal:\n\n> Dobrý den\n",
            asked),
        Case(
            "hu gmail", ask + "Bolt <shop@store.example> ezt írta (időpont: 2024. jún. 5., Sze, 9:41):\n\n> Szia\n",
            asked),
        Case(
            "tr gmail", ask + "Mağaza <shop@store.example>, 5 Haz 2024 Çar, 09:41 tarihinde şunu yazdı:\n\n> Merhaba\n",
            asked),
        Case("hr gmail", ask + "sri, 5. lip 2024. u 09:41 Trgovina <shop@store.example> napisao je:\n\n> Bok\n", asked),
        Case(
            "ca gmail",
            ask + "El dc., 5 de juny 2024 a les 9:41, Botiga (<shop@store.example>) va escriure:\n\n> Hola\n", asked),
        Case(
            "el gmail",
            ask + "Στις Τετ 5 Ιουν 2024 στις 9:41 π.μ., ο/η Κατάστημα <shop@store.example> έγραψε:\n\n> Γεια\n", asked),
        Case(
            "zoho", ask + "---- On Wed, 05 Jun 2024 09:41:00 +0200 Store <shop@store.example> wrote ----\n\nHello\n",
            asked),
        Case(
            "zoho de", ask + "---- Am Mi, 05 Jun 2024 09:41:00 +0200 schrieb Shop <shop@store.example> ----\n\nHallo\n",
            asked),
        Case("android dashed", ask + "---- Kai Lund wrote ----\n\n> Hi\n", asked),
        Case("horde quoting", ask + "Quoting Store <shop@store.example>:\n\n> Hi\n", asked),
        Case("old gmail date name", ask + "2024/6/5 Kai Lund <kai@store.example>\n\n> Hi\n", asked),
        Case(
            "rule then mailto wrote",
            ask + " --------------------\n\n Store [mailto:shop@store.example] wrote:\n\n Hello\n", asked),
        Case(
            "text and attribution on one line",
            "See above On Wed, Jun 5, 2024 at 9:41 AM, shop@store.example wrote:\n> Hi\n", "See above"),
        Case(
            "signature glued to attribution",
            ask + "Sent from my Galaxy deviceStore <shop@store.example> wrote:\n\n> Hi\n", asked),
    ]

    static let headerBlocks: [Case] = [
        Case(
            "fr message du",
            ask + "Message du : 05/06/2024 09:41\nDe : \"Boutique\" <shop@store.example>\nA : lea@mail.example\n"
                + "Sujet : Votre commande\n\nBonjour\n", asked),
        Case(
            "fr orange quoted",
            ask + "> Message du 05/06/24 09:41\n> De : \"Boutique\" <shop@store.example>\n> A : lea@mail.example\n"
                + "> Objet : Commande\n", asked),
        Case(
            "de gmx sent first",
            ask + "Gesendet: Mittwoch, 05. Juni 2024 um 09:41 Uhr\nVon: \"Shop\" <shop@store.example>\n"
                + "An: jan@gmx.example\nBetreff: Ihre Bestellung\n", asked),
        Case(
            "es enviado el",
            ask + "De: Tienda <shop@store.example>\nEnviado el: miércoles, 5 de junio de 2024 9:41\n"
                + "Para: Eva <eva@mail.example>\nAsunto: Pedido\n", asked),
        Case(
            "it data",
            ask + "Da: Negozio <shop@store.example>\nData: mercoledì 5 giugno 2024 09:41\nA: Leo <leo@mail.example>\n"
                + "Oggetto: Ordine\n", asked),
        Case(
            "fi outlook",
            ask + "Lähettäjä: Kauppa <shop@store.example>\nLähetetty: keskiviikko 5. kesäkuuta 2024 9.41\n"
                + "Vastaanottaja: Aino <aino@mail.example>\nAihe: Tilaus\n", asked),
        Case(
            "ro outlook",
            ask + "De la: Magazin <shop@store.example>\nTrimis: miercuri, 5 iunie 2024 09:41\n"
                + "Către: Ana <ana@mail.example>\nSubiect: Comanda\n", asked),
        Case(
            "el outlook",
            ask + "Από: Κατάστημα <shop@store.example>\nΣτάλθηκε: Τετάρτη, 5 Ιουνίου 2024 9:41 π.μ.\n"
                + "Προς: Νίκη <niki@mail.example>\nΘέμα: Παραγγελία\n", asked),
        Case(
            "uk outlook",
            ask + "Від: Магазин <shop@store.example>\nНадіслано: 5 червня 2024 р. 9:41\n"
                + "Кому: Олег <oleg@mail.example>\nТема: Замовлення\n", asked),
        Case(
            "date and to only", ask + "Date: Wed, 5 Jun 2024 09:41:00 +0200\nTo: kai@mail.example\n\nOld text\n", asked),
        Case(
            "lotus tabs",
            ask + "From:\t\"Store\" <shop@store.example>\nTo:\tkai@mail.example\nDate:\t05.06.2024 09:41\n"
                + "Subject:\tRe: Order\n", asked),
        Case(
            "hotmail rule and quoted header",
            ask + "________________________________\n> From: shop@store.example\n"
                + "> To: kai@mail.example\n> Subject: Order\n>\n> Hi\n", asked),
        Case(
            "da oprindelig besked",
            ask + "-------- Oprindelig besked --------\nFra: Butik <shop@store.example>\nDato: 05.06.2024\n",
            asked),
        Case(
            "de original-nachricht", ask + "-------- Original-Nachricht --------\nBetreff: Bestellung\nVon: Shop\n",
            asked),
        Case(
            "no videresendt", ask + "---------- Videresendt melding ----------\nFra: Butikk <shop@store.example>\n",
            asked),
        Case("hu eredeti", ask + "-----Eredeti üzenet-----\nFeladó: Bolt\nElküldve: 2024. június 5. 9:41\n", asked),
        Case(
            "zoho forwarded", ask + "============ Forwarded message ============\nFrom : Store <shop@store.example>\n",
            asked),
    ]

    static let leftovers: [Case] = [
        Case(
            "quoted sender's signature below the quote",
            ask + "On Wed, Jun 5, 2024 at 9:41 AM Kai <kai@store.example> wrote:\n> We shipped it.\n\n"
                + "Kai Lund\nCustomer Care | Store Example\nstore.example\n", asked),
        Case(
            "quoted sender's disclaimer below the quote",
            ask + "On Wed, Jun 5, 2024 at 9:41 AM Kai <kai@store.example> wrote:\n> We shipped it.\n\n"
                + "This message is confidential and meant for its addressee only.\n", asked),
        Case(
            "lines the quoting client wrapped",
            ask + "On Wed, Jun 5, 2024 at 9:41 AM Kai <kai@store.example> wrote:\n"
                + "> We have handed your parcel to the carrier this morning and it should reach\nyou by\n"
                + "> Friday at the latest.\n", asked),
        Case(
            "a link the quoting client wrapped",
            ask + "On Wed, Jun 5, 2024 at 9:41 AM Kai wrote:\n> Track it here\n (https://store.example/t/8812) >\n"
                + "> Regards\n", asked),
        Case(
            "dash signature before unquoted history (da)",
            "Hej,\n\nvaren er ikke kommet.\n\n--\nVenlig hilsen\nLars Holm\n\nFra: Butik <shop@store.example>\n"
                + "Sendt: 5. juni 2024 09:41\nTil: Lars Holm\nEmne: Din ordre\n\nHej Lars,\nvi har sendt varen.\n"
                + "Venlig hilsen\nButik\nTlf. 12 34 56 78\nwww.store.example\n",
            "Hej,\n\nvaren er ikke kommet."),
        Case(
            "dash signature before an attribution (no)",
            "Hei,\n\nkan dere sende en ny?\n\n--\nMvh\nOla\n\nDen 5. juni 2024 kl. 09:41 skrev Butikk <shop@store.example>:\n\n"
                + "Hei Ola,\nvi har sendt pakken.\nMed vennlig hilsen\nButikk AS\nTelefon 22 33 44 55\nwww.store.example\n",
            "Hei,\n\nkan dere sende en ny?"),
        Case(
            "a short sign-off after the quote is the customer's",
            ask + "On Wed, Jun 5, 2024 at 9:41 AM Kai <kai@store.example> wrote:\n> We shipped it.\n\nThanks, Mia\n",
            asked + "\n\nThanks, Mia"),
        Case(
            "answers between quote blocks under a top-post are kept",
            "My answers below.\n\nOn Wed, Jun 5, 2024 at 9:41 AM Kai <kai@store.example> wrote:\n> Size?\n42\n> Colour?\n"
                + "Black\n", "My answers below.\n\n42\nBlack"),
        Case(
            "bottom-post after a greeting",
            "Hi Kai,\n\nOn Wed, Jun 5, 2024 at 9:41 AM Kai <kai@store.example> wrote:\n> Did it arrive?\n\nNo, not yet.\n",
            "Hi Kai,\n\nNo, not yet."),
    ]

    @Test(arguments: attributions)
    func attributionsInManyShapes(_ reply: Case) {
        #expect(ReplyText.newText(reply.input) == reply.expected)
    }

    @Test(arguments: headerBlocks)
    func headerBlocksAndSeparators(_ reply: Case) {
        #expect(ReplyText.newText(reply.input) == reply.expected)
    }

    @Test(arguments: leftovers)
    func everythingBelowAHeaderIsHistory(_ reply: Case) {
        #expect(ReplyText.newText(reply.input) == reply.expected)
    }
}
