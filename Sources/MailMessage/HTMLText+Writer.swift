extension HTMLText {
    /// Accumulates text into lines with block structure, list markers, link targets and quote prefixes.
    struct TextWriter {
        private var lines: [String] = []
        private var line: [UInt8] = []
        private var pendingSpace = false
        private var blankLinesWanted = 0
        private var quoteDepth = 0
        private var lineQuoteDepth = 0
        private var links: [(href: String, textStart: Int, lineIndex: Int)] = []
        private var orderedCounters: [Int?] = []
        var preformatted = 0

        mutating func text(_ bytes: [UInt8], preserve: Bool) {
            for byte in bytes {
                if preserve {
                    if byte == 0x0A {
                        breakLine(blank: 0, force: true)
                    } else if byte != 0x0D {
                        put(byte)
                    }
                } else if byte.isASCIIWhitespace {
                    pendingSpace = !line.isEmpty
                } else {
                    if pendingSpace { put(0x20) }
                    pendingSpace = false
                    put(byte)
                }
            }
        }

        /// text/enriched: a single line break is a space, n line breaks are n - 1 breaks (RFC 1896).
        mutating func enrichedText(_ bytes: [UInt8]) {
            var newlines = 0
            for byte in bytes where byte != 0x0D {
                if byte == 0x0A {
                    newlines += 1
                    continue
                }
                if newlines == 1 { pendingSpace = !line.isEmpty }
                if newlines > 1 { for _ in 1..<newlines { breakLine(blank: 0, force: true) } }
                newlines = 0
                text([byte], preserve: preformatted > 0)
            }
            if newlines > 1 { for _ in 1..<newlines { breakLine(blank: 0, force: true) } }
        }

        private mutating func put(_ byte: UInt8) {
            if line.isEmpty {
                if blankLinesWanted > 0, !lines.isEmpty {
                    for _ in 0..<blankLinesWanted { lines.append(quotePrefix(quoteDepth).trimmed([" "])) }
                }
                blankLinesWanted = 0
                lineQuoteDepth = quoteDepth
            }
            line.append(byte)
        }

        private func quotePrefix(_ depth: Int) -> String {
            depth > 0 ? String(repeating: ">", count: depth) + " " : ""
        }

        /// Ends the current line; `blank` asks for that many empty lines before the next text.
        mutating func breakLine(blank: Int, force: Bool = false) {
            pendingSpace = false
            if !line.isEmpty || force {
                lines.append(quotePrefix(lineQuoteDepth) + String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
                lineQuoteDepth = quoteDepth
            }
            blankLinesWanted = max(blankLinesWanted, blank)
        }

        /// Applies a tag; returns where to continue when the element's content must be skipped.
        mutating func handle(_ tag: HTMLTag, enriched: Bool, bytes: [UInt8], from index: Int) -> Int? {
            if enriched { return handleEnriched(tag, bytes: bytes, from: index) }
            switch tag.name {
            case "script", "style", "head", "title", "template",
                "noscript" where !tag.isClosing:
                return skipElement(tag.name, bytes: bytes, from: index)
            case "br":
                breakLine(blank: 0, force: line.isEmpty)
            case "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "dl", "address", "figure":
                breakLine(blank: 1)
            case "div", "tr", "section", "article", "header", "footer", "main", "nav", "aside", "center", "dt", "dd",
                "form", "fieldset", "caption", "figcaption", "tbody", "thead", "tfoot":
                breakLine(blank: 0)
            case "pre":
                breakLine(blank: 1)
                preformatted = max(0, preformatted + (tag.isClosing ? -1 : 1))
            case "blockquote":
                breakLine(blank: 0)
                quoteDepth = max(0, quoteDepth + (tag.isClosing ? -1 : 1))
            case "ul", "ol":
                breakLine(blank: orderedCounters.isEmpty ? 1 : 0)
                if tag.isClosing {
                    _ = orderedCounters.popLast()
                } else {
                    orderedCounters.append(tag.name == "ol" ? 0 : nil)
                }
            case "li" where !tag.isClosing:
                listItem()
            case "li":
                breakLine(blank: 0)
            case "td", "th":
                if !tag.isClosing, !line.isEmpty { pendingSpace = true }
            case "hr":
                breakLine(blank: 0)
                text(Array("---".utf8), preserve: false)
                breakLine(blank: 0)
            case "a":
                link(tag)
            case "img" where !tag.isClosing:
                if let alt = tag.attributes["alt"]?.trimmed(), !alt.isEmpty {
                    text(Array("[\(alt)]".utf8), preserve: false)
                }
            default:
                break
            }
            return nil
        }

        private mutating func listItem() {
            breakLine(blank: 0)
            let indent = String(repeating: "  ", count: max(0, orderedCounters.count - 1))
            if let counter = orderedCounters.last, let value = counter {
                orderedCounters[orderedCounters.count - 1] = value + 1
                text(Array("\(indent)\(value + 1). ".utf8), preserve: true)
            } else {
                text(Array("\(indent)- ".utf8), preserve: true)
            }
        }

        private mutating func link(_ tag: HTMLTag) {
            if !tag.isClosing {
                links.append((tag.attributes["href"] ?? "", line.count, lines.count))
                return
            }
            guard let open = links.popLast() else { return }
            let href = open.href.trimmed()
            guard !href.isEmpty, !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:") else { return }
            let shown =
                open.lineIndex == lines.count && open.textStart <= line.count
                ? String(decoding: line[open.textStart...], as: UTF8.self).trimmed() : ""
            let target = href.lowercased().hasPrefix("mailto:") ? String(href.dropFirst(7)) : href
            if shown == target || shown == href || target.isEmpty { return }
            text(Array(shown.isEmpty ? target.utf8 : " (\(target))".utf8), preserve: false)
        }

        private func skipElement(_ name: String, bytes: [UInt8], from index: Int) -> Int {
            let closing = Array("</\(name)".utf8)
            var probe = index
            while probe < bytes.count {
                if bytes[probe] == UInt8(ascii: "<"), probe + closing.count <= bytes.count,
                    zip(bytes[probe..<probe + closing.count], closing).allSatisfy({ $0.asciiLowercased == $1 })
                {
                    while probe < bytes.count, bytes[probe] != UInt8(ascii: ">") { probe += 1 }
                    return min(bytes.count, probe + 1)
                }
                probe += 1
            }
            return bytes.count
        }

        private mutating func handleEnriched(_ tag: HTMLTag, bytes: [UInt8], from index: Int) -> Int? {
            if tag.name == "param", !tag.isClosing { return skipElement("param", bytes: bytes, from: index) }
            if tag.name == "nofill" { preformatted = max(0, preformatted + (tag.isClosing ? -1 : 1)) }
            return nil
        }

        mutating func finish() -> String {
            breakLine(blank: 0)
            var result: [String] = []
            var blanks = 0
            for raw in lines {
                let line = raw.trimmedTrailing()
                if line.isEmpty {
                    blanks += 1
                    continue
                }
                if blanks > 0, !result.isEmpty { result.append("") }
                blanks = 0
                result.append(line)
            }
            return result.joined(separator: "\n")
        }
    }
}

extension String {
    /// The string without trailing spaces, tabs and non-breaking spaces.
    func trimmedTrailing() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last == " " || last == "\t" || last == "\u{A0}" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
