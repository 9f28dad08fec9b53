import Foundation
import Testing

@testable import MailMessage

/// RFC 2047 words, folding, and the address formatter.
@Suite struct HeaderEncodingTests {
    static let longSubjects = [
        "日本語の件名がとても長い場合に正しく折り返されることを確認するためのテストです。東京、大阪、京都、名古屋、札幌、福岡",
        "关于您的订单退款申请的处理进度通知以及后续需要您提供的补充材料清单和联系方式，请尽快回复我们的客服团队",
        "한국어 제목이 아주 길 때도 올바르게 접히는지 확인하기 위한 테스트입니다 서울 부산 대구 인천 광주 대전 울산",
        "Re: Заказ №12345 не доставлен вовремя, прошу вернуть деньги или отправить замену как можно скорее, спасибо",
        "🎉🎉 Party time 👩‍👩‍👧‍👦 family 🏳️‍🌈 flags 🇫🇷🇩🇪🇯🇵 and more emoji 😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍🤩😘 end",
        "Re: طلب استرداد المبلغ للطلب رقم ١٢٣٤٥ لم يتم حتى الآن، أرجو المساعدة في أقرب وقت ممكن شكراً لكم",
        "Re: [#42] Mixed ASCII words with some Ünïcödé ones in the middle and a very long tail of plain English words",
        "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutspaces"
            + String(repeating: "x", count: 1200),
        "tabs\tand   multiple   spaces\t\tkept" + String(repeating: " ", count: 40) + "after a long blank run",
        "Looks like =?utf-8?q?an_encoded_word?= but is not",
    ]

    static func subjectField(_ subject: String) -> String {
        var folder = HeaderFolder(name: "Subject")
        folder.appendUnstructured(subject)
        return folder.finish()
    }

    static func unfold(_ field: String) -> String {
        let value = field.dropFirst("Subject:".count).replacingOccurrences(of: "\r\n", with: "")
        return value.trimmed([" ", "\t"])
    }

    @Test(arguments: longSubjects)
    func longSubjectsFoldAndRoundTrip(subject: String) throws {
        let field = Self.subjectField(subject)
        #expect(field.hasSuffix("\r\n"))
        let lines = field.dropLast(2).components(separatedBy: "\r\n")
        for (index, line) in lines.enumerated() {
            #expect(line.utf8.count <= 78, "line \(index) has \(line.utf8.count) characters: \(line)")
            #expect(line.allSatisfy { $0.isASCII })
            if index > 0 { #expect(line.first == " " || line.first == "\t") }
            #expect(!line.trimmed([" ", "\t"]).isEmpty)
        }
        #expect(EncodedWord.decode(Self.unfold(field)) == subject.trimmed([" ", "\t"]))
    }

    @Test(arguments: longSubjects)
    func everyEncodedWordIsShortAndHoldsWholeCharacters(subject: String) {
        let field = Self.subjectField(subject).replacingOccurrences(of: "\r\n", with: " ")
        for word in field.split(separator: " ") where word.hasPrefix("=?") {
            #expect(word.utf8.count <= 75, "\(word)")
            let parsed = EncodedWord.parseWord(Array(word.utf8), at: 0)
            // Each word decodes to valid UTF-8 on its own: no sequence is split across words.
            #expect(parsed.map { String(validating: $0.bytes, as: UTF8.self) != nil } == true, "\(word)")
        }
    }

    @Test func plainAsciiSubjectIsLeftReadable() {
        let field = Self.subjectField("Re: [#42] Your order has shipped")
        #expect(field == "Subject: Re: [#42] Your order has shipped\r\n")
    }

    @Test func longAsciiSubjectFoldsAtSpaces() {
        let subject = Array(repeating: "word", count: 40).joined(separator: " ")
        let field = Self.subjectField(subject)
        #expect(!field.contains("=?"))
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(Self.unfold(field) == subject)
    }

    @Test(arguments: [
        ("Café", "=?UTF-8?B?Q2Fmw6k=?="),
        ("naïve résumé", "=?UTF-8?B?bmHDr3ZlIHLDqXN1bcOp?="),
        ("Café au lait avec du sucre", "=?UTF-8?Q?Caf=C3=A9_au_lait_avec_du_sucre?="),
        ("日本", "=?UTF-8?B?5pel5pys?="),
        ("a?b=c_d", "=?UTF-8?B?YT9iPWNfZA==?="),
        ("what? a_b=c, really + more text", "=?UTF-8?Q?what=3F_a=5Fb=3Dc=2C_really_+_more_text?="),
    ])
    func encodingIsTheShorterOfBAndQ(text: String, expected: String) {
        #expect(EncodedWord.encode(text) == expected)
        #expect(EncodedWord.decode(EncodedWord.encode(text)) == text)
    }

    @Test(
        arguments: [
            (nil, "a@example.com", "a@example.com"),
            ("John Smith", "js@example.com", "John Smith <js@example.com>"),
            ("Doe, John", "jd@example.com", "\"Doe, John\" <jd@example.com>"),
            ("J. \"Jay\" O\\Neil", "j@example.com", "\"J. \\\"Jay\\\" O\\\\Neil\" <j@example.com>"),
            ("José", "j@example.com", "=?UTF-8?B?Sm9zw6k=?= <j@example.com>"),
            ("  Padded  ", "p@example.com", "Padded <p@example.com>"),
            ("   ", "e@example.com", "e@example.com"),
            ("two  spaces", "t@example.com", "\"two  spaces\" <t@example.com>"),
            ("=?utf-8?q?fake?=", "f@example.com", "=?UTF-8?B?PT91dGYtOD9xP2Zha2U/PQ==?= <f@example.com>"),
            ("support@example.com", "support@example.com", "\"support@example.com\" <support@example.com>"),
        ] as [(String?, String, String)])
    func addressFormatter(name: String?, address: String, expected: String) throws {
        #expect(try Address(name: name, address: address).formatted() == expected)
    }

    @Test func longDisplayNamesInAListFold() throws {
        let names = ["Александр Сергеевич Пушкин-Толстой", "Very Long Plain Name Of Some Company Department", "李小龙"]
        var folder = HeaderFolder(name: "To")
        try Address.appendList(
            names.enumerated().map { Address(name: $1, address: "user\($0)@example.com") }, to: &folder, field: "to")
        let field = folder.finish()
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let unfolded = field.replacingOccurrences(of: "\r\n", with: "")
        for name in names { #expect(EncodedWord.decode(unfolded).contains(name)) }
    }
}
