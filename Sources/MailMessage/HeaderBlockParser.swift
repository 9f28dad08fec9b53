/// Reads a header block (RFC 5322 section 2.2) from bytes: fields with folding, up to the empty line.
struct HeaderBlockParser {
    let bytes: [UInt8]
    let maxFields: Int

    struct Result {
        var header: Header
        /// Where the body starts (after the empty line, or at the first line that is not a header field).
        var bodyStart: Int
        var defects: [Defect]
    }

    /// Parses the header block in `start..<end`. `allowMboxFromLine` skips a leading `From ` envelope line.
    func parse(start: Int, end: Int, allowMboxFromLine: Bool) -> Result {
        var fields: [HeaderField] = []
        var defects: [Defect] = []
        var position = start
        if allowMboxFromLine, bytes.hasPrefix(Self.mboxFrom, at: position, end: end) {
            position = bytes.line(at: position, end: end).next
        }
        var current: (name: String, valueStart: Int, valueEnd: Int)?
        var ignoredFields = 0

        func finishCurrent() {
            guard let field = current else { return }
            if fields.count < maxFields {
                fields.append(HeaderField(name: field.name, rawValue: Array(bytes[field.valueStart..<field.valueEnd])))
            } else {
                ignoredFields += 1
            }
            current = nil
        }

        while position < end {
            let line = bytes.line(at: position, end: end)
            if line.isEmpty {
                finishCurrent()
                position = line.next
                return finish(fields, defects, ignoredFields, bodyStart: position)
            }
            if bytes[line.start].isBlank {
                if current != nil {
                    current!.valueEnd = line.contentEnd
                } else if !fields.isEmpty || position != start {
                    defects.append(Defect(.malformedHeader, "continuation line without a field"))
                } else {
                    defects.append(Defect(.missingHeaders))
                    return finish(fields, defects, ignoredFields, bodyStart: position)
                }
                position = line.next
                continue
            }
            guard let (name, valueStart) = fieldName(in: line) else {
                finishCurrent()
                defects.append(Defect(fields.isEmpty ? .missingHeaders : .missingHeaderBodySeparator))
                return finish(fields, defects, ignoredFields, bodyStart: position)
            }
            finishCurrent()
            current = (name, valueStart, line.contentEnd)
            position = line.next
        }
        finishCurrent()
        return finish(fields, defects, ignoredFields, bodyStart: end)
    }

    private func finish(_ fields: [HeaderField], _ defects: [Defect], _ ignored: Int, bodyStart: Int) -> Result {
        var defects = defects
        if ignored > 0 { defects.append(Defect(.tooManyHeaders, "\(ignored) ignored")) }
        return Result(header: Header(fields), bodyStart: bodyStart, defects: defects)
    }

    /// The field name of a header line and where its value starts, or nil when the line is not a field.
    /// Accepts obsolete white space before the colon (RFC 5322 section 4.5.8).
    private func fieldName(in line: Line) -> (String, Int)? {
        var index = line.start
        while index < line.contentEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { break }
            if byte <= 0x20 || byte >= 0x7F {
                // Only blanks may follow the name before the colon.
                var probe = index
                while probe < line.contentEnd, bytes[probe].isBlank { probe += 1 }
                guard probe < line.contentEnd, bytes[probe] == UInt8(ascii: ":"), probe > index else { return nil }
                let name = String(decoding: bytes[line.start..<index], as: UTF8.self)
                return index == line.start ? nil : (name, probe + 1)
            }
            index += 1
        }
        guard index < line.contentEnd, index > line.start else { return nil }
        return (String(decoding: bytes[line.start..<index], as: UTF8.self), index + 1)
    }

    private static let mboxFrom: [UInt8] = Array("From ".utf8)
}
