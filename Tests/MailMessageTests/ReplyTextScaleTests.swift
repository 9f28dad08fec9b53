import Testing

@testable import MailMessage

/// ReplyText stays linear: a huge single line and many short lines take about four times as long as a quarter of
/// them (a bound on a ratio measured in the same run, not on seconds: an absolute bound of one second failed on a
/// slower machine with 1.04 s), and many lines of every shape the scanner looks ahead from (quotes, attributions,
/// rule lines, header fields, signature delimiters) finish within seconds, where anything superlinear would take
/// minutes.
@Suite(.serialized) struct ReplyTextScaleTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var testDescription: String { name }
    }

    static func lines(_ pattern: [String], count: Int) -> String {
        (0..<count).map { pattern[$0 % pattern.count] }.joined(separator: "\n")
    }

    /// A shape made at two sizes: `size` units and a quarter of them.
    struct Scaled: CustomTestStringConvertible, Sendable {
        var name: String
        var size: Int
        var make: @Sendable (Int) -> String
        var testDescription: String { name }
    }

    static let common: [Scaled] = [
        Scaled(name: "1 MB single line of words", size: 131_072) { String(repeating: "abc def ", count: $0) },
        Scaled(name: "100,000 short lines", size: 100_000) {
            lines(["Thanks for the help with my order."], count: $0)
        },
    ]

    static let pathological: [Shape] = [
        Shape(name: "1 MB single quoted line", input: "> " + String(repeating: "x", count: 1_048_576)),
        Shape(name: "1 MB single line of dashes", input: String(repeating: "-", count: 1_048_576)),
        Shape(name: "1 MB of blanks and a word", input: String(repeating: " ", count: 1_048_576) + "x"),
        Shape(
            name: "1 MB attribution-like line",
            input: "On " + String(repeating: "Tue 3 Apr 2012 ", count: 70_000) + "Bob <b@example.com> wrote:\n> q"),
        Shape(name: "100,000 Cyrillic lines", input: lines(["Спасибо за помощь с моим заказом."], count: 100_000)),
        Shape(name: "100,000 quote and answer lines", input: lines(["> question?", "answer"], count: 100_000)),
        Shape(name: "100,000 weak attributions", input: lines(["Bob wrote:", "text"], count: 100_000)),
        Shape(name: "100,000 double dashes and blanks", input: lines(["--", "", ""], count: 100_000)),
        Shape(name: "100,000 rule lines", input: lines(["____", "", "x"], count: 100_000)),
        Shape(name: "100,000 header fields", input: lines(["From: a@example.com", "To: b"], count: 100_000)),
        Shape(name: "100,000 valediction lines", input: lines(["Regards,", "Anna"], count: 100_000)),
        Shape(name: "100,000 colon lines and quotes", input: lines(["It says:", "> x", "ok"], count: 100_000)),
        Shape(name: "100,000 device signatures", input: lines(["Sent from my iPhone", "text"], count: 100_000)),
        Shape(
            name: "100,000 lines then a valediction block", input: lines(["text"], count: 100_000) + "\nRegards,\nA\nB"),
        Shape(name: "300,000 blank lines and a quote", input: String(repeating: "\n", count: 300_000) + "> q\nx"),
    ]

    /// The best of three runs, so that a busy machine does not fail the test.
    static func fastest(_ input: String) -> Duration {
        (0..<3).map { _ in
            let start = ContinuousClock.now
            #expect(!ReplyText.newText(input).isEmpty)
            return ContinuousClock.now - start
        }.min()!
    }

    /// Four times the input takes at most eight times as long (linear work takes four; quadratic, sixteen).
    @Test(arguments: common)
    func commonShapesScaleLinearly(_ shape: Scaled) {
        let quarter = Self.fastest(shape.make(shape.size / 4))
        let whole = Self.fastest(shape.make(shape.size))
        #expect(whole < quarter * 8, "\(shape.name): \(whole) against \(quarter) for a quarter")
        #expect(whole < .seconds(10), "\(shape.name): \(whole)")
    }

    @Test(arguments: pathological)
    func pathologicalShapesStayLinear(_ shape: Shape) {
        let start = ContinuousClock.now
        #expect(!ReplyText.newText(shape.input).isEmpty)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(5), "\(shape.name): \(elapsed)")
    }
}
