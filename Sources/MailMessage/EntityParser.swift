/// The recursive MIME entity parser over one byte buffer; positions are offsets into `bytes`.
struct EntityParser {
    let bytes: [UInt8]
    let limits: ParseLimits
    var defects: [Defect] = []
    var partCount = 0

    init(bytes: [UInt8], limits: ParseLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    mutating func parseEntity(start: Int, end: Int, depth: Int, defaultType: MediaType, topLevel: Bool) -> MIMEPart {
        partCount += 1
        let block = HeaderBlockParser(bytes: bytes, maxFields: limits.maxHeaderCount)
            .parse(start: start, end: end, allowMboxFromLine: topLevel)
        defects += block.defects
        let header = block.header
        let contentType = readContentType(header, default: defaultType)
        let disposition = header["Content-Disposition"].map { readDisposition($0) }
        let encoding = readTransferEncoding(header)
        let bodyStart = block.bodyStart
        let body = parseBody(
            start: bodyStart, end: end, depth: depth, contentType: contentType, encoding: encoding)
        return MIMEPart(
            header: header, contentType: body.effectiveType ?? contentType, disposition: disposition,
            transferEncoding: encoding, body: body.body)
    }

    private struct ParsedBody {
        var body: MIMEPart.Body
        var effectiveType: MediaType?
    }

    private mutating func parseBody(start: Int, end: Int, depth: Int, contentType: MediaType, encoding: String)
        -> ParsedBody
    {
        if contentType.isMultipart {
            guard depth < limits.maxDepth else {
                defects.append(Defect(.tooDeep, contentType.mimeType))
                return ParsedBody(body: .leaf(bytes[start..<end]), effectiveType: nil)
            }
            guard let boundary = contentType.parameters["boundary"], !boundary.isEmpty else {
                defects.append(Defect(.missingBoundaryParameter, contentType.mimeType))
                return ParsedBody(body: leaf(start, end, encoding), effectiveType: .defaultText)
            }
            if let body = parseMultipart(start: start, end: end, depth: depth, type: contentType, boundary: boundary) {
                return ParsedBody(body: body, effectiveType: nil)
            }
            defects.append(Defect(.missingStartBoundary, boundary))
            return ParsedBody(body: leaf(start, end, encoding), effectiveType: .defaultText)
        }
        if contentType.type == "message", contentType.subtype == "rfc822" || contentType.subtype == "global" {
            guard depth < limits.maxDepth else {
                defects.append(Defect(.tooDeep, contentType.mimeType))
                return ParsedBody(body: .leaf(bytes[start..<end]), effectiveType: nil)
            }
            return ParsedBody(
                body: parseEmbeddedMessage(start: start, end: end, depth: depth, encoding: encoding),
                effectiveType: nil)
        }
        return ParsedBody(body: leaf(start, end, encoding), effectiveType: nil)
    }

    /// A leaf body, transfer-decoded; unknown encodings are kept as they are.
    private mutating func leaf(_ start: Int, _ end: Int, _ encoding: String) -> MIMEPart.Body {
        let slice = bytes[start..<end]
        if ["7bit", "8bit", "binary", ""].contains(encoding) { return .leaf(slice) }
        guard let decoded = TransferEncoding.decode(slice, encoding: encoding) else {
            defects.append(Defect(.unknownTransferEncoding, String(encoding.prefix(40))))
            return .leaf(slice)
        }
        if decoded.hadErrors {
            defects.append(Defect(encoding == "base64" ? .invalidBase64 : .invalidQuotedPrintable))
        }
        return .leaf(decoded.bytes[...])
    }

    private mutating func parseEmbeddedMessage(start: Int, end: Int, depth: Int, encoding: String) -> MIMEPart.Body {
        var raw = Array(bytes[start..<end])
        if encoding == "base64" || encoding == "quoted-printable" {
            // Not allowed by RFC 2046 for message/rfc822, but seen in the wild: decode first.
            if let decoded = TransferEncoding.decode(raw[...], encoding: encoding) { raw = decoded.bytes }
        }
        var nested = EntityParser(bytes: raw, limits: limits)
        nested.partCount = partCount
        let root = nested.parseEntity(
            start: 0, end: raw.count, depth: depth + 1, defaultType: .defaultText,
            topLevel: true)
        partCount = nested.partCount
        defects += nested.defects
        let message = Message(root: root, defects: nested.defects, size: raw.count)
        return .message(message, raw: raw)
    }

    // MARK: - Header values

    private mutating func readContentType(_ header: Header, default defaultType: MediaType) -> MediaType {
        guard let raw = header["Content-Type"], !raw.isEmpty else { return defaultType }
        let parsed = ParameterParser.parse(raw)
        defects += parsed.defects
        let pieces = parsed.value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty {
            return MediaType(type: String(pieces[0]), subtype: String(pieces[1]), parameters: parsed.parameters)
        }
        defects.append(Defect(.malformedContentType, String(raw.prefix(60))))
        if parsed.value == "text" {
            return MediaType(type: "text", subtype: "plain", parameters: parsed.parameters)
        }
        var fallback = MediaType.defaultText
        if let charset = parsed.parameters["charset"] { fallback.parameters["charset"] = charset }
        return fallback
    }

    private mutating func readDisposition(_ raw: String) -> Disposition {
        let parsed = ParameterParser.parse(raw)
        defects += parsed.defects
        return Disposition(type: parsed.value, parameters: parsed.parameters)
    }

    private func readTransferEncoding(_ header: Header) -> String {
        guard let raw = header["Content-Transfer-Encoding"] else { return "7bit" }
        return ParameterParser.parse(raw).value
    }
}
