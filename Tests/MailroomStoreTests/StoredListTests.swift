import Foundation
import Testing

@testable import MailroomStore

/// Stored lists are written and read without Foundation's JSON coders when they are plain ASCII: the text must be
/// byte for byte what `JSONEncoder` writes, and every text must read as `JSONDecoder` reads it.
@Suite struct StoredListTests {
    private static let lists: [[String]] = [
        [], [""], ["a@example.com"], ["support@shop.example", "Agent <agent@shop.example>"],
        ["a/b@example.com"], ["quote\"d"], ["back\\slash"], ["tab\there"], ["line\nbreak"], ["josé@exämple.com"],
        ["emoji 👍🏽"], ["<id-1@mail.example>", "<id-2@mail.example>"], ["\u{7F}"], ["[", "]", ","], ["\"", ""],
    ]

    private func encoded(_ strings: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
    }

    private func decoded(_ text: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        for list in Self.lists {
            #expect(StoredList.text(list) == (try encoded(list)), "\(list)")
            #expect(StoredList.strings(StoredList.text(list)) == list, "\(list)")
        }
    }

    @Test func readsWhatJSONDecoderReads() throws {
        var texts = try Self.lists.map(encoded)
        texts += [
            "", "[", "]", "[]", "[\"\"]", "[\"a\",]", "[,\"a\"]", "[\"a\" ,\"b\"]", " [\"a\"]", "[\"a\"] ",
            "[\"a\"\"b\"]",
            "[\"a\",\"b\"", "[\"unterminated]", "[1,2]", "[\"a\",1]", "{\"a\":1}", "null", "[\"a/b\"]", "[\"a\\/b\"]",
            "[\"\\u00e9\"]", "[\"ctl\u{01}\"]", "[\"a\",\"b\",\"c\"]", "[\"é\"]", "[[\"a\"]]", "[\"a\"]]",
        ]
        for text in texts {
            #expect(StoredList.strings(text) == decoded(text), "\(text.debugDescription)")
        }
    }

    @Test func randomListsRoundTripLikeTheCoders() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abc@.<>-_ /\"\\é\u{01}")
        for _ in 0..<500 {
            let list = (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
                String((0..<Int.random(in: 0..<6, using: &generator)).map { _ in alphabet.randomElement()! })
            }
            let text = StoredList.text(list)
            #expect(text == (try encoded(list)), "\(list)")
            #expect(StoredList.strings(text) == decoded(text), "\(text.debugDescription)")
        }
    }
}
