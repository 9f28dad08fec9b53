import Testing

@testable import MailroomCore

@Suite struct SubjectTokenTests {
    @Test func format() throws {
        #expect(try SubjectToken.format("mr-7k4qx2") == "[#MR-7K4QX2]")
        #expect(throws: InvalidInputError.publicID) { try SubjectToken.format("MR 7") }
    }

    @Test(arguments: [
        ("Where is my order?", "Where is my order? [#MR-7K4QX2]"),
        ("  Re: Where is my order?  ", "Re: Where is my order? [#MR-7K4QX2]"),
        ("Re: Where is my order? [#MR-7K4QX2]", "Re: Where is my order? [#MR-7K4QX2]"),
        ("Re: [#mr-7k4qx2] Where is my order?", "Re: [#mr-7k4qx2] Where is my order?"),
        ("", "[#MR-7K4QX2]"),
    ])
    func subjectGetsTheTokenOnce(subject: String, expected: String) throws {
        #expect(try SubjectToken.subject(subject, publicID: "MR-7K4QX2") == expected)
    }

    @Test(arguments: [
        ("Re: Where is my order? [#MR-7K4QX2]", ["MR-7K4QX2"]),
        ("AW: [# mr-7k4qx2 ] Lieferung", ["MR-7K4QX2"]),
        ("[#MR-1] and [#MR-2] and [#mr-1]", ["MR-1", "MR-2"]),
        ("Order #12345", []),
        ("[#] empty, [#MR 7] blank inside, [#MR_7] underscore, [#MR-7", []),
        ("[ #MR-7K4QX2]", []),
        ("Größe ### Ärger [#MR-9Z] über ##", ["MR-9Z"]),
        ("#[#MR-3] [[#MR-4]]", ["MR-3", "MR-4"]),
    ])
    func extraction(subject: String, expected: [String]) {
        #expect(SubjectToken.publicIDs(in: subject) == expected)
    }
}
