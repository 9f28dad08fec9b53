extension EntityParser {
    /// Splits a multipart body on `--boundary` lines and parses each part; nil when no delimiter is found.
    ///
    /// The line break before a delimiter belongs to the delimiter (RFC 2046 5.1.1). A delimiter line may carry
    /// trailing white space; a missing close delimiter ends the last part at the end of the body (defect).
    mutating func parseMultipart(start: Int, end: Int, depth: Int, type: MediaType, boundary: String)
        -> MIMEPart.Body?
    {
        let delimiter = Array(("--" + boundary).utf8)
        var delimiters: [(lineStart: Int, next: Int, isClose: Bool)] = []
        var position = start
        while position < end {
            let line = bytes.line(at: position, end: end)
            if let isClose = delimiterKind(line, delimiter) {
                delimiters.append((line.start, line.next, isClose))
                if isClose { break }
            }
            position = line.next
        }
        guard let first = delimiters.first else { return nil }
        let preamble = Array(bytes[start..<contentEnd(before: first.lineStart, floor: start)])
        let childDefault =
            type.subtype == "digest" ? MediaType(type: "message", subtype: "rfc822") : MediaType.defaultText
        var parts: [MIMEPart] = []
        var closed = false
        var epilogueStart = end
        for (index, delimiter) in delimiters.enumerated() {
            if delimiter.isClose {
                closed = true
                epilogueStart = delimiter.next
                break
            }
            let partEnd =
                index + 1 < delimiters.count
                ? contentEnd(before: delimiters[index + 1].lineStart, floor: delimiter.next) : end
            guard partCount < limits.maxParts else {
                defects.append(Defect(.tooManyParts, "limit \(limits.maxParts)"))
                break
            }
            parts.append(
                parseEntity(
                    start: delimiter.next, end: partEnd, depth: depth + 1,
                    defaultType: childDefault, topLevel: false))
        }
        if !closed { defects.append(Defect(.missingClosingBoundary, boundary)) }
        let epilogue = closed ? Array(bytes[min(epilogueStart, end)..<end]) : []
        return .multipart(parts: parts, preamble: preamble, epilogue: epilogue)
    }

    /// nil when the line is not a delimiter; true for the close delimiter `--boundary--`.
    private func delimiterKind(_ line: Line, _ delimiter: [UInt8]) -> Bool? {
        guard line.contentEnd - line.start >= delimiter.count,
            bytes.hasPrefix(delimiter, at: line.start, end: line.contentEnd)
        else { return nil }
        var index = line.start + delimiter.count
        if index + 2 <= line.contentEnd, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-") {
            return true
        }
        while index < line.contentEnd {
            guard bytes[index].isBlank else { return nil }
            index += 1
        }
        return false
    }

    /// The end of content before a delimiter line starting at `lineStart`: its preceding line break is dropped.
    private func contentEnd(before lineStart: Int, floor: Int) -> Int {
        var end = lineStart
        if end > floor, bytes[end - 1] == 0x0A { end -= 1 }
        if end > floor, bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }
}
