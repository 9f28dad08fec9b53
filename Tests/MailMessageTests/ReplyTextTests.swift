import Testing

@testable import MailMessage

/// Realistic replies from each client and language: input -> the customer's new text.
@Suite struct ReplyTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var expected: String
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ expected: String) {
            self.name = name
            self.input = input
            self.expected = expected
        }
    }

    static let clients: [Case] = [
        Case(
            "gmail top-post",
            "Thanks, that fixed it!\n\nOn Tue, Apr 3, 2012 at 4:19 PM, Support <support@example.com> wrote:\n"
                + "> Please restart the router.\n>\n> Regards\n",
            "Thanks, that fixed it!"),
        Case(
            "gmail attribution wrapped over two lines",
            "Works now.\n\nOn Tue, Apr 3, 2012 at 4:19 PM, Acme Customer Support Team <\nsupport@example.com> wrote:\n\n"
                + "> Please restart.\n",
            "Works now."),
        Case(
            "attribution wrapped over three lines",
            "Works now.\n\nOn Tue, Apr 3, 2012 at 4:19 PM,\nAcme Customer Support Team\n<support@example.com> wrote:\n"
                + "> Please restart.\n",
            "Works now."),
        Case(
            "iphone with quoted attribution",
            "Yes please.\n\nSent from my iPhone\n\n> On Apr 3, 2012, at 4:19 PM, bob <bob@example.com> wrote:\n> \n"
                + "> Shall we cancel?\n",
            "Yes please."),
        Case(
            "iphone attribution split before wrote",
            "Hello\n\nSent from my iPhone\n\nOn Apr 3, 2012, at 4:19 PM, bob <bob@example.com>\nwrote:\n\n> Hi\n",
            "Hello"),
        Case(
            "outlook underscore separator and header block",
            "Hi,\n\nThe invoice number is 4711.\n\nBest regards\nJane\n\n________________________________\n"
                + "From: Support <support@example.com>\nSent: Tuesday, April 3, 2012 4:19 PM\n"
                + "To: Jane Doe <jane@example.org>\nSubject: RE: Invoice\n\nHello Jane,\nwhich invoice?\n",
            "Hi,\n\nThe invoice number is 4711.\n\nBest regards\nJane"),
        Case(
            "outlook original message",
            "Please cancel my order.\n\n-----Original Message-----\nFrom: Shop [mailto:shop@example.com]\n"
                + "Sent: Tuesday, April 03, 2012 4:19 PM\nTo: me@example.org\nSubject: Your order\n\nIt shipped.\n",
            "Please cancel my order."),
        Case(
            "outlook bold header block from html, no separator",
            "Still broken.\n\n*From:* Support <support@example.com>\n*Sent:* Tuesday, April 3, 2012 4:19 PM\n"
                + "*To:* Jane <jane@example.org>\n*Subject:* Re: Broken\n\nDid you try turning it off?\n",
            "Still broken."),
        Case(
            "outlook mobile",
            "Yes\n\nGet Outlook for Android<https://aka.ms/ghei36>\n________________________________\n"
                + "From: Support <support@example.com>\nSent: Tuesday, April 3, 2012 4:19:00 PM\n"
                + "To: me@example.org\nSubject: Question\n\nHi\n",
            "Yes"),
        Case(
            "yahoo original message",
            "Hello\n\n\n----- Original Message -----\nFrom: \"bob@example.org\" <bob@example.org>\n"
                + "To: me@yahoo.example\nCc: \nSent: Monday, April 2, 2012 5:44 PM\nSubject: Test\n\nHi\n",
            "Hello"),
        Case(
            "yahoo html attribution without quote marks",
            "Thanks\n\nOn Tuesday, April 3, 2012 4:19 PM, Support <support@example.com> wrote:\n\n\n"
                + "Hello, your ticket was updated.\n",
            "Thanks"),
        Case(
            "thunderbird bottom-post", "On 04/02/2012 06:26 PM, Megan One wrote:\n> Hi \nHello", "Hello"),
        Case(
            "thunderbird top-post without address",
            "Sounds good.\n\nOn 03.04.2012 16:19, Support wrote:\n> Shall we?\n", "Sounds good."),
        Case(
            "interleaved answers keep every unquoted line",
            "On Tue, Apr 3, 2012 at 4:19 PM, Support <s@example.com> wrote:\n> What is your order number?\n12345\n"
                + "> And your postcode?\n10115\n",
            "12345\n10115"),
        Case(
            "bottom-post with signature",
            "> Can you send a photo?\n\nAttached.\n\n-- \nBob Smith\nACME Corp\n", "Attached."),
        Case(
            "sig dash dash space",
            "Thanks for the quick help.\n\n-- \nJane Doe\nACME Corp\n+1 555 0100\n", "Thanks for the quick help."),
        Case("sig dash dash without space before a short block", "Got it.\n\n--\nJane\n", "Got it."),
        Case(
            "dash dash before a long block is not a signature",
            "Here is the log:\n--\n" + (1...8).map { "line \($0)" }.joined(separator: "\n"),
            "Here is the log:\n--\n" + (1...8).map { "line \($0)" }.joined(separator: "\n")),
        Case(
            "forward without new text returns the original",
            "---------- Forwarded message ---------\nFrom: Shop <shop@example.com>\n"
                + "Date: Tue, Apr 3, 2012 at 4:19 PM\nSubject: Order\nTo: <me@example.org>\n\nYour order shipped.\n",
            "---------- Forwarded message ---------\nFrom: Shop <shop@example.com>\n"
                + "Date: Tue, Apr 3, 2012 at 4:19 PM\nSubject: Order\nTo: <me@example.org>\n\nYour order shipped."),
        Case(
            "forward with new text",
            "Please see below.\n\n---------- Forwarded message ---------\nFrom: Shop <shop@example.com>\n"
                + "Date: Tue, Apr 3, 2012 at 4:19 PM\nSubject: Order\n",
            "Please see below."),
        Case(
            "apple mail forward", "FYI\n\nBegin forwarded message:\n\nFrom: Shop <shop@example.com>\nSubject: x\n",
            "FYI"),
        Case(
            "crlf line endings",
            "Hello\r\n\r\nOn Tue, Apr 3, 2012 at 4:19 PM, Support <s@example.com> wrote:\r\n> Hi\r\n", "Hello"),
        Case("only a quote returns the original", "> just a quote\n> more\n", "> just a quote\n> more"),
        Case("empty", "", ""),
        Case("blank", " \n\n\t\n", ""),
    ]

    static let ordinaryText: [Case] = [
        Case("mentions wrote", "I wrote:\nthe order is missing", "I wrote:\nthe order is missing"),
        Case(
            "a From line that is not a header block", "From: my phone the app crashes.\nPlease help.",
            "From: my phone the app crashes.\nPlease help."),
        Case(
            "blank runs collapse and outer blanks go", "\n\nFirst\n\n\n\nSecond\n\n\n", "First\n\nSecond"),
        Case(
            "a long line starting with sent from is text",
            "Sent from my office yesterday, the invoice was wrong and nobody has answered since then.",
            "Sent from my office yesterday, the invoice was wrong and nobody has answered since then."),
        Case(
            "an underscore line without headers is kept", "Name: ____________\nDate: 3 April",
            "Name: ____________\nDate: 3 April"),
    ]

    static let languages: [Case] = [
        Case(
            "de outlook",
            "Hallo,\n\ndie Lieferung ist nicht angekommen.\n\nMit freundlichen Grüßen\nHans\n\n"
                + "Von: Support <support@example.com>\nGesendet: Dienstag, 3. April 2012 16:19\n"
                + "An: Hans Müller <hans@example.de>\nBetreff: AW: Lieferung\n\nSehr geehrter Herr Müller,\n",
            "Hallo,\n\ndie Lieferung ist nicht angekommen.\n\nMit freundlichen Grüßen\nHans"),
        Case(
            "de ursprüngliche nachricht",
            "Danke.\n\n-----Ursprüngliche Nachricht-----\nVon: Support\nGesendet: Dienstag\nAn: Hans\n", "Danke."),
        Case(
            "de gmail", "Danke!\n\nAm Di., 3. Apr. 2012 um 16:19 Uhr schrieb Support <support@example.com>:\n> Hallo\n",
            "Danke!"),
        Case(
            "de apple mail unquoted",
            "Danke!\n\nAm 03.04.2012 um 16:19 schrieb Support <support@example.com>:\n\nHallo Hans,\nbitte...\n",
            "Danke!"),
        Case("de iphone signature", "Ja, gerne.\n\nVon meinem iPhone gesendet", "Ja, gerne."),
        Case(
            "fr outlook with non-breaking spaces",
            "Bonjour,\n\nToujours pas de remboursement.\n\nDe\u{00A0}: Support <support@example.com>\n"
                + "Envoyé\u{00A0}: mardi 3 avril 2012 16:19\nÀ\u{00A0}: Marie <marie@example.fr>\n"
                + "Objet\u{00A0}: RE: Remboursement\n\nBonjour Marie,\n",
            "Bonjour,\n\nToujours pas de remboursement."),
        Case(
            "fr gmail",
            "Merci !\n\nLe mar. 3 avr. 2012 à 16:19, Support <support@example.com> a écrit :\n\n> Bonjour\n",
            "Merci !"),
        Case(
            "fr message d'origine",
            "Merci.\n\n-----Message d'origine-----\nDe : Support\nEnvoyé : mardi\nÀ : Marie\n", "Merci."),
        Case("fr iphone signature", "D'accord.\n\nEnvoyé de mon iPhone", "D'accord."),
        Case(
            "es outlook",
            "Gracias.\n\nDe: Soporte <soporte@example.com>\nEnviado: martes, 3 de abril de 2012 16:19\n"
                + "Para: Juan <juan@example.es>\nAsunto: RE: Pedido\n\nHola Juan,\n",
            "Gracias."),
        Case(
            "es gmail",
            "Gracias\n\nEl mar., 3 abr. 2012 a las 16:19, Soporte (<soporte@example.com>) escribió:\n> Hola\n",
            "Gracias"),
        Case(
            "es mensaje original", "Vale.\n\n-----Mensaje original-----\nDe: Soporte\nEnviado: martes\nPara: Juan\n",
            "Vale."),
        Case("es iphone signature", "Sí.\n\nEnviado desde mi iPhone", "Sí."),
        Case(
            "it outlook",
            "Grazie.\n\nDa: Supporto <supporto@example.com>\nInviato: martedì 3 aprile 2012 16:19\n"
                + "A: Mario <mario@example.it>\nOggetto: R: Ordine\n",
            "Grazie."),
        Case(
            "it gmail",
            "Grazie\n\nIl giorno mar 3 apr 2012 alle ore 16:19 Supporto <supporto@example.com> ha scritto:\n> Ciao\n",
            "Grazie"),
        Case(
            "pt outlook",
            "Obrigado.\n\nDe: Suporte <suporte@example.com>\nEnviada em: terça-feira, 3 de abril de 2012 16:19\n"
                + "Para: João <joao@example.pt>\nAssunto: RE: Encomenda\n",
            "Obrigado."),
        Case(
            "pt gmail",
            "Obrigado\n\nEm ter., 3 de abr. de 2012 às 16:19, Suporte <suporte@example.com> escreveu:\n> Olá\n",
            "Obrigado"),
        Case("pt iphone signature", "Ok.\n\nEnviado do meu iPhone", "Ok."),
        Case(
            "nl outlook",
            "Bedankt!\n\nVan: Support <support@example.com>\nVerzonden: dinsdag 3 april 2012 16:19\n"
                + "Aan: Piet <piet@example.nl>\nOnderwerp: RE: Bestelling\n",
            "Bedankt!"),
        Case(
            "nl gmail", "Dank je\n\nOp di 3 apr. 2012 om 16:19 schreef Support <support@example.com>:\n> Hallo\n",
            "Dank je"),
        Case(
            "nl apple mail",
            "Dank je\n\nOp 3 apr. 2012 om 16:19 heeft Support <support@example.com> het volgende geschreven:\n\n> Hallo\n",
            "Dank je"),
        Case("sv gmail", "Tack\n\nDen tis 3 apr. 2012 kl 16:19 skrev Support <support@example.com>:\n> Hej\n", "Tack"),
        Case("da iphone signature", "Tak\n\nSendt fra min iPhone", "Tak"),
        Case(
            "pl gmail",
            "Dziękuję\n\nW dniu wt., 3.04.2012 o 16:19 Support <support@example.com> napisał(a):\n> Cześć\n",
            "Dziękuję"),
        Case(
            "ru gmail",
            "Спасибо\n\n3 апреля 2012 г., 16:19 пользователь Support <support@example.com> написал:\n> Привет\n",
            "Спасибо"),
        Case(
            "ja apple mail", "ありがとうございます。\n\n2012/04/03 16:19、Support <support@example.com> のメッセージ:\n\n> こんにちは\n",
            "ありがとうございます。"),
        Case("zh apple mail", "谢谢\n\n在 2012年4月3日，下午4:19，Support <support@example.com> 写道：\n\n> 你好\n", "谢谢"),
        Case("samsung signature", "Yes\n\nSent from my Samsung Galaxy smartphone.", "Yes"),
        Case("outlook ios signature", "Sure\n\nGet Outlook for iOS<https://aka.ms/o0ukef>", "Sure"),
        Case("windows mail signature", "Done.\n\nSent from Mail for Windows 10\n\n", "Done."),
    ]

    @Test(arguments: clients)
    func clientReplies(_ reply: Case) {
        #expect(ReplyText.newText(reply.input) == reply.expected)
    }

    @Test(arguments: ordinaryText)
    func ordinaryTextIsKept(_ reply: Case) {
        #expect(ReplyText.newText(reply.input) == reply.expected)
    }

    @Test(arguments: languages)
    func translatedReplies(_ reply: Case) {
        #expect(ReplyText.newText(reply.input) == reply.expected)
    }
}
