import Testing

@testable import MailroomCore

@Suite struct BodyTokenTests {
    private let body = Fixture.bodyToken
    private static let marker = "[ref:MR-7K4QX2.H4T467WEY3]"

    @Test func markerFormat() throws {
        #expect(try body.marker(for: "mr-7k4qx2") == Self.marker)
    }

    @Test(arguments: [
        ("Hello Anna,\n\nyour parcel left today.\n", "Hello Anna,\n\nyour parcel left today.\n\n\(marker)"),
        ("Thanks \n\n\n", "Thanks\n\n\(marker)"),
        ("", marker),
    ])
    func plainTextGetsTheMarkerAsLastLine(text: String, expected: String) throws {
        #expect(try body.appending(toPlainText: text, publicID: "MR-7K4QX2") == expected)
    }

    @Test(arguments: [
        ("<html><body><p>Hi</p></body></html>", "<html><body><p>Hi</p>SPAN</body></html>"),
        ("<HTML><BODY>Hi</BODY></HTML>", "<HTML><BODY>HiSPAN</BODY></HTML>"),
        ("<p>Hi</p>", "<p>Hi</p>SPAN"),
    ])
    func htmlGetsAHiddenSpan(html: String, expected: String) throws {
        let span = "<span style=\"display:none;mso-hide:all\">\(Self.marker)</span>"
        let result = try body.appending(toHTML: html, publicID: "MR-7K4QX2")
        #expect(result == expected.replacingOccurrences(of: "SPAN", with: span))
    }

    /// How clients return the marker: quoted, re-quoted, wrapped, soft-broken, in HTML.
    @Test(arguments: [
        "Thanks!\n\nOn Mon, Support wrote:\n> Hello\n>\n> \(marker)\n",
        "Thanks!\n> > > \(marker)",
        "Top\r\n>> Hello\r\n>> \(marker)\r\n",
        "Wrapped:\n> [ref:MR-7K4QX2.\n> H4T467WEY3]\n",
        "Wrapped twice:\n> > [ref:MR-\n> > 7K4QX2.H4T4\n> > 67WEY3]",
        "Soft break: [ref:MR-7K4QX2.H4T4=\n67WEY3]",
        "Quoted soft break:\n> [ref:MR-7K4=\n> QX2.H4T467WEY3]",
        "lower case: [REF:mr-7k4qx2.h4t467wey3]",
        "<blockquote><div>Hi</div><span style=\"display:none\">\(marker)</span></blockquote>",
        "forged first [ref:MR-7K4QX2.0000000000] then real \(marker)",
        "unterminated [ref:MR-7K4QX2 and later \(marker)",
    ])
    func findsTheMarker(text: String) {
        #expect(body.ticket(in: text) == "MR-7K4QX2")
    }

    @Test(arguments: [
        "no marker at all",
        "[ref:MR-7K4QX2.H4T467WEY]",  // truncated
        "[ref:MR-7K4QX2.H4T467WEY33]",  // too long
        "[ref:MR-7K4QX3.H4T467WEY3]",  // other id
        "[ref:MR-7K4QX2]",  // no MAC
        "[ref:MR-7K4QX2.H4T467WEY3",  // unterminated
        "[ref: MR-7K4QX2.H4T467WEY3]",  // blank inside, not produced by any wrap
        "ref:MR-7K4QX2.H4T467WEY3",  // no brackets
    ])
    func ignoresForgedOrBrokenMarkers(text: String) {
        #expect(body.ticket(in: text) == nil)
    }

    @Test func allMarkersInOrder() throws {
        let other = try body.marker(for: "MR-OTHER9")
        let text = "new \(other)\n> old \(Self.marker)\n> > older \(other)"
        #expect(body.publicIDs(in: text) == ["MR-OTHER9", "MR-7K4QX2"])
        #expect(body.ticket(in: text) == "MR-OTHER9")
    }

    @Test func fakeMarkersAreCheckedOnlyUpToTheCap() {
        let fakes = String(repeating: "[ref:MR-7K4QX2.0000000000] ", count: BodyToken.maximumCandidates)
        #expect(body.ticket(in: fakes + Self.marker) == nil)
        let fewer = String(repeating: "[ref:MR-7K4QX2.0000000000] ", count: BodyToken.maximumCandidates - 1)
        #expect(body.ticket(in: fewer + Self.marker) == "MR-7K4QX2")
    }
}
