import Foundation
import Testing

@testable import MailMessage

/// Replies written in HTML, read through the parser's HTML-to-text (blockquotes become `> ` lines), and
/// properties that hold for any input.
@Suite struct ReplyTextHTMLTests {
    static let htmlReplies: [(String, String)] = [
        (
            "<div dir=\"ltr\">Thanks, it works now!</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" "
                + "class=\"gmail_attr\">On Tue, Apr 3, 2012 at 4:19 PM Support &lt;<a href=\"mailto:s@example.com\">"
                + "s@example.com</a>&gt; wrote:<br></div><blockquote class=\"gmail_quote\" style=\"margin:0\">"
                + "<div>Please restart the router.</div></blockquote></div>",
            "Thanks, it works now!"
        ),
        (
            "<html><body><div>The order number is 4711.</div><div><br></div><div>Jane</div>"
                + "<hr style=\"display:inline-block;width:98%\"><div id=\"divRplyFwdMsg\" dir=\"ltr\">"
                + "<font face=\"Calibri, sans-serif\"><b>From:</b> Support &lt;s@example.com&gt;<br><b>Sent:</b> "
                + "Tuesday, April 3, 2012 4:19 PM<br><b>To:</b> Jane &lt;jane@example.org&gt;<br><b>Subject:</b> "
                + "Re: Order</font><div>&nbsp;</div></div><div>Which order?</div></body></html>",
            "The order number is 4711.\n\nJane"
        ),
        (
            "<div>Merci !</div><div><br><div class=\"gmail_quote\"><div class=\"gmail_attr\">Le&nbsp;mar. 3 avr. "
                + "2012 à 16:19, Support &lt;s@example.com&gt; a écrit&nbsp;:<br></div><blockquote>Bonjour"
                + "</blockquote></div></div>",
            "Merci !"
        ),
        (
            "<p>Attached.</p><p>-- <br>Bob Smith<br>ACME</p><blockquote type=\"cite\"><p>Send a photo?</p></blockquote>",
            "Attached."
        ),
    ]

    @Test(arguments: htmlReplies)
    func repliesWrittenInHTML(html: String, expected: String) {
        #expect(ReplyText.newText(HTMLText.toText(html)) == expected)
    }

    /// Never empty when the input has content, never invents text, and each result line comes from the input.
    @Test(arguments: Array(UInt64(1)...150))
    func resultIsNonEmptyAndTakenFromTheInput(seed: UInt64) {
        var random = RandomMessages(seed: seed)
        let markers = [
            "> quoted", "On Tue, Apr 3, 2012 at 4:19 PM, Bob <b@example.com> wrote:", "-- ", "--",
            "-----Original Message-----", "From: Bob <b@example.com>", "Sent: Tuesday", "To: me", "Subject: x",
            "Sent from my iPhone", "________________________________", "", " ",
        ]
        var lines: [String] = []
        for _ in 0..<random.int(0...30) {
            lines.append(
                random.chance(40)
                    ? markers[random.int(0...(markers.count - 1))] : random.text(random.int(0...60), controls: false))
        }
        let input = lines.joined(separator: ["\n", "\r\n"][random.int(0...1)])
        let output = ReplyText.newText(input)
        let hasContent = input.contains { !$0.isWhitespace }
        #expect(output.isEmpty == !hasContent)
        let inputLines = ReplyText.splitLines(input)
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            #expect(inputLines.contains { $0.contains(line) }, "\(line.debugDescription) not in the input")
        }
    }

    @Test func largeInputIsFast() {
        let block = "Some reply text here.\n> quoted line\n--\n\nOn Tue, Apr 3, 2012 at 4:19 PM, x wrote:\n"
        let input = String(repeating: block, count: 20_000)  // about 1.6 MB
        let start = ContinuousClock.now
        let output = ReplyText.newText(input)
        let elapsed = ContinuousClock.now - start
        #expect(output == "Some reply text here.")
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }
}
