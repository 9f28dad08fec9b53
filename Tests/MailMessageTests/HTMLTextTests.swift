import Testing

@testable import MailMessage

@Suite struct HTMLTextTests {
    @Test(arguments: [
        ("<p>Hello</p><p>World</p>", "Hello\n\nWorld"),
        ("Line one<br>Line two<br/>Line three", "Line one\nLine two\nLine three"),
        ("<div>a</div><div>b</div>", "a\nb"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("<ol><li>one</li><li>two</li></ol>", "1. one\n2. two"),
        ("<a href=\"https://shop.example/track\">Track it</a>", "Track it (https://shop.example/track)"),
        ("<a href=\"https://shop.example\">https://shop.example</a>", "https://shop.example"),
        ("<a href=\"mailto:help@shop.example\">help@shop.example</a>", "help@shop.example"),
        ("<style>p { color: red }</style><script>alert(1)</script><p>Visible</p>", "Visible"),
        ("<head><title>T</title></head><body>Body</body>", "Body"),
        ("Caf&eacute; &amp; cr&egrave;me &euro;5 &#233;&#xE9; &lt;tag&gt;", "Café & crème €5 éé <tag>"),
        ("a&nbsp;b", "a b"),
        ("<p>  lots   of\n\n   space  </p>", "lots of space"),
        ("<blockquote>quoted<br>text</blockquote>reply", "> quoted\n> text\nreply"),
        ("<pre>  keep\n    this</pre>", "  keep\n    this"),
        ("<!-- comment --><p>x</p>", "x"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
        ("<img src=x alt=\"Logo\"> text", "[Logo] text"),
        ("unterminated <b", "unterminated <b"),
        ("5 < 6 and 7 > 3", "5 < 6 and 7 > 3"),
    ])
    func converts(html: String, expected: String) {
        #expect(HTMLText.toText(html) == expected)
    }

    @Test func enrichedText() {
        let text = "<bold>Now</bold> is the time\nfor all\n\ngood men <<smile>\n<param>ignored</param>"
        #expect(HTMLText.toText(text, enriched: true) == "Now is the time for all\ngood men <smile>")
    }
}
