import Foundation
import Testing

@testable import MailMessage

/// Real-world messages from other mail libraries' test suites (../shared/data/emails).
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipMessage)) struct FixtureTests {
    @Test func everyFixtureParses() throws {
        let names = SharedData.fixtureNames()
        #expect(names.count >= 144)
        for name in names {
            let message = try MessageParser.parse(try SharedData.bytes(name))
            // Touch every accessor: none may crash on real-world input.
            _ = (message.subject, message.from, message.to, message.cc, message.replyTo, message.date)
            _ = (message.messageID, message.references, message.kindVerdict, message.attachments, message.allDefects)
            _ = message.textBody
        }
    }

    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var subject: String?
        var from: String?
        var fromName: String? = nil
        var messageID: String? = nil
        var kind: MessageKind = .normal
        var text: String
        var attachments: [String] = []
        var epoch: Int? = nil
        var testDescription: String { file }
    }

    static let expectations: [Expected] = [
        Expected(
            file: "mikel-mail__rfc6532-utf8_headers.eml", subject: "Säying Hello", from: "jdöe@mächine.example",
            fromName: "Jöhn Doe", text: "body"),
        Expected(
            file: "mikel-mail__multi_charset-japanese.eml", subject: "まみむめも", from: "raasdnil@gmail.com",
            fromName: "Mikel Lindsaar", text: "かきくえこ"),
        Expected(
            file: "mikel-mail__plain_emails-raw_email.eml", subject: "NOTE: 한국말로 하는 것", from: "jamis@37signals.com",
            messageID: "d3b8cf8e49f04480850c28713a1f473e@37signals.com", text: "대부분의 마찬가지로, 우리는 하나님을 믿습니다.",
            epoch: 1_115_071_625),
        Expected(
            file: "spamscope__mail_test_9.eml", subject: "我把镜头拉近些，你们看看这个是什么屄，这种场合自然少不了内射", from: "zyb@sgis.com.cn",
            text: "http://go2buy.com.cn/ 9065"),
        Expected(
            file: "flanker__bilingual-simple.eml", subject: "Simple text. How are you? Как ты поживаешь?",
            from: "hello@example.com", text: "This line is in English\nА эта линия по-русски."),
        Expected(file: "flanker__8bitmime.eml", subject: "2 RCPT MIME", from: "bob@example.com", text: "Превел\n\n123"),
        Expected(
            file: "enmime__mail-attachment.eml", subject: "Attachment", from: "james@makita.skynet",
            fromName: "James Hillyerd", text: "A text section", attachments: ["test.html"]),
        Expected(
            file: "enmime__mail-mime-bad-content-type.eml", subject: "Confirmation of Booking with easyHotel",
            from: "bookings@easyHotel.com", text: "Thank you for booking with easyHotel.",
            attachments: ["Invoice_302232133150612.pdf"]),
        Expected(
            file: "mimekit__messages-simple-multipart.eml", subject: "this is a simple multipart message",
            from: "mimekit@example.com", text: "This is the message body.", attachments: ["attachment.txt"]),
        Expected(
            file: "mikel-mail__attachment_emails-attachment_only_email.eml",
            subject: "this message JUST contains an attachment", from: "rfinnie@domain.dom", text: "",
            attachments: ["blah.gz"]),
        Expected(
            file: "stalwart__thirdparty-016.eml", subject: "25 HTML + embedded image", from: "test@example.com",
            text: "Search for höhö", attachments: ["kigaaldcbanejcbi.png"]),
        Expected(
            file: "spamscope__mail_test_18.eml", subject: "Test for Comma and Name Bugs",
            from: "comma.name@example.com",
            fromName: "LastßlName, FirstName", text: "This is a test email body."),
        Expected(
            file: "spamscope__mail_test_19.eml", subject: "Test email with email address as display name",
            from: "bob@example.com", fromName: "alice@example.com", messageID: "test-email-as-name@example.com",
            text: "This email tests parsing of address headers"),
        Expected(
            file: "mikel-mail__error_emails-invalid_subject_characters.eml",
            subject: "Formação FrenetikPolis: Mega Campanha Final Verão | Cursos de Setembro",
            from: "info@formacaofrenetik.info", fromName: "Formação Frenetikpolis", text: "TEST"),
        Expected(
            file: "mikel-mail__rfc2822-example01.eml", subject: "Saying Hello", from: "jdoe@machine.example",
            fromName: "John Doe", messageID: "1234@local.machine.example",
            text: "This is a message just to say hello.\nSo, \"Hello\".", epoch: 880_127_706),
        Expected(
            file: "sisimai__bsd-lhost-mailru-02.eml", subject: "Ваше сообщение не доставлено. Mail failure.",
            from: "mailer-daemon@corp.mail.ru", kind: .bounce,
            text: "Это письмо создано автоматически сервером Mail.Ru"),
        Expected(
            file: "mimekit__messages-feedback-report.eml", subject: "FW: Earn money", from: "abusedesk@example.com",
            kind: .feedbackReport, text: "This is an email abuse report"),
        Expected(
            file: "flanker__from-encoding.eml", subject: "Re: running server as root (Was: Re: PUT method)",
            from: "ingo@blank.pages.de", fromName: "Ingo Lütkebohle", kind: .autoReply, text: "Marc Slemko wrote:"),
        Expected(
            file: "cpython__msg_04.eml", subject: "a simple multipart", from: "barry@python.org",
            fromName: "Barry A. Warsaw", text: "a simple kind of mirror\nto reflect upon our own"),
        Expected(
            file: "sisimai__mac-lhost-ezweb-01.eml", subject: "Mail System Error - Returned Mail",
            from: "Postmaster@ezweb.ne.jp", kind: .bounce,
            text: "<this-message-rejected-by-the-domain-filter@ezweb.ne.jp>"),
        Expected(
            file: "talon__standard_replies-yahoo.eml", subject: "Re: Test", from: "xxx@yahoo.com", fromName: "Alex Q",
            messageID: "1333374330.68772.YahooMailNeo@web114411.mail.gq1.yahoo.com", text: "Hello"),
        Expected(
            file: "mimekit__messages-disposition-notification.eml", subject: "Disposition notification",
            from: "Joe_Recipient@example.com", kind: .readReceipt, text: "The message sent on 1995 Sep 19"),
        Expected(
            file: "stalwart__malformed-015.eml", subject: "Hello world", from: "test@example.org",
            text: "There was a day\na happy day", attachments: ["signature.asc"]),
    ]

    @Test(arguments: expectations) func realValues(_ expected: Expected) throws {
        let message = try MessageParser.parse(try SharedData.bytes(expected.file))
        #expect(message.subject == expected.subject)
        #expect(message.from.first?.address == expected.from)
        if let name = expected.fromName { #expect(message.from.first?.name == name) }
        if let id = expected.messageID { #expect(message.messageID == id) }
        if let epoch = expected.epoch { #expect(message.date == Date(timeIntervalSince1970: TimeInterval(epoch))) }
        #expect(message.kind == expected.kind)
        if expected.text.isEmpty {
            #expect(message.textBody.isEmpty)
        } else {
            #expect(message.textBody.hasPrefix(expected.text), "\(message.textBody.prefix(80))")
        }
        #expect(message.attachments.compactMap(\.filename) == expected.attachments)
    }

    @Test func addressListsAcrossFixtures() throws {
        let spam = try MessageParser.parse(try SharedData.bytes("spamscope__mail_test_18.eml"))
        #expect(spam.cc.map(\.address) == ["simple@example.net", "john.doe@example.com"])
        let twoFrom = try MessageParser.parse(
            try SharedData.bytes("mikel-mail__plain_emails-raw_email_multiple_from.eml"))
        #expect(twoFrom.from.map(\.address) == ["tim@powerupdev.com", "concierge@powerupdev.com"])
        let rfc6532 = try MessageParser.parse(try SharedData.bytes("mikel-mail__rfc6532-utf8_headers.eml"))
        #expect(rfc6532.to.map(\.address) == ["märy@exämple.net"])
    }
}
