extension ReplyText {
    /// One pass over the lines of a reply, top to bottom, deciding for each line whether the customer wrote it.
    ///
    /// Before any attribution the text is the customer's, except quote blocks they did not introduce themselves.
    /// An attribution followed by quotes switches to one of two readings: a bottom-post (nothing but a greeting
    /// above it), where unquoted text between and after the quotes is the customer's answer, or a top-post, where
    /// unquoted text below only counts when it sits between two quote blocks (inline answers) or is a short
    /// sign-off; anything else down there is the quoted sender's wrapped lines, signature or disclaimer.
    struct Scanner {
        static let nestedQuote: Key = ">>"
        static let spacedNestedQuote: Key = "> >"

        enum Mode {
            case text
            case bottomPosted
            case topPosted
        }

        let text: [UInt8]
        let lines: [Line]
        let quoteBlocks: Int
        /// Positions of the lines the customer wrote.
        var kept: [Int] = []
        var mode = Mode.text
        /// Unquoted lines after a quote block in a top-post, held until it is clear whether they are answers.
        var pending: [Int] = []
        var interleaved = false
        var lastQuoteKept = false
        /// Lines of which only the start is the customer's ("reply On ... wrote:").
        var shortened: [Int: String] = [:]
        var index = 0
        /// What is known of each line's markers, so that looking ahead never repeats work (see
        /// ``Scanner/attribution(at:)``, ``Scanner/startsHistory(at:)``, ``Scanner/isListFooterLine(at:)``).
        var attributionMemo: [Int8]
        var historyMemo: [Int8]
        var footerMemo: [Int8]

        init(_ text: [UInt8], _ lines: [Line]) {
            self.text = text
            self.lines = lines
            var blocks = 0
            for (position, line) in lines.enumerated() where line.isQuoted {
                if position == 0 || !lines[position - 1].isQuoted { blocks += 1 }
            }
            quoteBlocks = blocks
            attributionMemo = [Int8](repeating: 0, count: lines.count)
            historyMemo = attributionMemo
            footerMemo = attributionMemo
        }

        /// The lines the customer wrote, in order.
        mutating func run() -> [String] {
            while index < lines.count, step() {}
            if mode == .topPosted && (interleaved || isSignOff(pending)) { kept += pending }
            if shortened.isEmpty { return kept.map(raw) }
            return kept.map { shortened[$0] ?? raw($0) }
        }

        /// Handles the line at `index` and moves on; false when the rest is history.
        mutating func step() -> Bool {
            let line = lines[index]
            if line.isPlain {
                keep(index)
                index += 1
                return true
            }
            if line.isQuoted {
                quoteBlock()
                return true
            }
            if let (text, next) = textBeforeAttribution(at: index) {
                shortened[index] = text
                if mode == .topPosted { pending.append(index) } else { kept.append(index) }
                startQuote(at: next)
                return true
            }
            if let found = attribution(at: index) {
                let next = nextNonBlank(from: index + found.lineCount)
                if let next, lines[next].isQuoted {
                    startQuote(at: next)
                    return true
                }
                if found.isStrong { return false }
            }
            if startsHistory(at: index) || isSignatureDelimiter(at: index) || startsListFooter(at: index)
                || isDeviceSignature(line)
            {
                return false
            }
            keep(index)
            index += 1
            return true
        }

        /// Keeps a text line (held back in a top-post), unless it only continues a wrapped quoted line.
        mutating func keep(_ position: Int) {
            guard !isWrapContinuation(at: position) else { return }
            if mode == .topPosted { pending.append(position) } else { kept.append(position) }
        }

        /// An attribution introduces the quotes at `next`: decide how the rest reads.
        mutating func startQuote(at next: Int) {
            if mode == .text {
                let wroteAbove = kept.contains { !lines[$0].isBlank && !isGreeting(lines[$0]) }
                mode = wroteAbove ? .topPosted : .bottomPosted
            } else if mode == .topPosted {
                pending.removeAll()
            }
            index = next
        }

        /// The quote block starting at `index` (quoted lines, blank lines between them): dropped, unless the
        /// customer introduced it ("My confirmation says:") or it is a single short quote inside their text.
        mutating func quoteBlock() {
            let start = index
            var end = index
            var position = index
            while position < lines.count, lines[position].isQuoted || lines[position].isBlank {
                position += 1
                if lines[position - 1].isQuoted { end = position }
            }
            index = end
            lastQuoteKept = mode == .text && isCustomerQuote(start, end)
            if lastQuoteKept {
                kept += start..<end
                return
            }
            if mode == .topPosted && pending.contains(where: { !lines[$0].isBlank }) {
                kept += pending
                interleaved = true
            }
            pending.removeAll()
        }

        /// Whether the customer quotes something themselves: the line above (at most one blank line up) ends
        /// with a colon, or the only quote of the message is at most three lines directly inside their text.
        func isCustomerQuote(_ start: Int, _ end: Int) -> Bool {
            guard let above = kept.last(where: { !lines[$0].isBlank }), start - above <= 2 else { return false }
            let intro = lines[above]
            if !intro.isLong && intro.key.last == 0x3A {
                // Not an attribution we failed to read: no address or date in it, a short block, no nesting.
                let nested = lines[start..<end].contains {
                    $0.key.hasPrefix(Self.nestedQuote) || $0.key.hasPrefix(Self.spacedNestedQuote)
                }
                return !intro.key.contains(byte: 0x40) && !hasDateOrTime(intro.key) && end - start <= 15 && !nested
            }
            guard quoteBlocks == 1, end - start <= 3, start - above == 1, end < lines.count else { return false }
            return !lines[end].isBlank && !lines[end].isQuoted
        }

        /// A line that only continues the quoted line above it, wrapped by the quoting client: the quoted line
        /// is long and does not end a sentence, and this line is followed by another quoted line or starts in
        /// lower case.
        func isWrapContinuation(at position: Int) -> Bool {
            guard position > 0, lines[position - 1].isQuoted, !lastQuoteKept else { return false }
            let line = lines[position]
            let sandwiched = position + 1 < lines.count && lines[position + 1].isQuoted
            if sandwiched && isLinkOnly(line) { return true }
            let above = lines[position - 1]
            guard above.isLong || above.length >= 60, let last = above.key.last, !Array(".!?:;".utf8).contains(last)
            else {
                return false
            }
            guard !line.isLong, line.length < 60 else { return false }
            return sandwiched || raw(position).first { $0.isLetter }?.isLowercase == true
        }

        /// A line that is only a link, as quoting clients leave behind when they wrap a long one.
        func isLinkOnly(_ line: Line) -> Bool {
            let text = line.key.trimmed(Array("(<[ ".utf8))
            return !line.isLong && text.hasPrefix("http") && text.words.count <= 2
        }

        /// "reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:" above quotes: the customer's text and a
        /// strong attribution on one line. The text before the attribution and the quote's first line.
        func textBeforeAttribution(at position: Int) -> (String, Int)? {
            let line = lines[position]
            guard !line.isLong, line.key.last == 0x3A, !line.opens, let next = nextNonBlank(from: position + 1),
                lines[next].isQuoted, wroteEnding(of: line.key.dropLast(1).trimmed([0x20])) != nil
            else { return nil }
            let whole = raw(position)
            var tries = 0
            for split in whole.indices where whole[split] == " " && tries < 4 {
                let rest = whole[whole.index(after: split)...]
                let start = rest.prefix(12).lowercased()
                guard attributionStarts.contains(where: { start.hasPrefix($0) }) else { continue }
                tries += 1
                let key = ReplyText.key(of: rest)
                guard hasDateOrTime(key), attributionStrength(key, opens: true) == true else { continue }
                let text = whole[..<split].trimmed()
                return text.isEmpty ? nil : (text, next)
            }
            return nil
        }

        /// Whether held lines are only a short sign-off ("Regards, Roman"; "Thanks," and a name).
        func isSignOff(_ held: [Int]) -> Bool {
            let written = held.filter { !lines[$0].isBlank }
            guard let first = written.first, written.count <= 2, let form = valediction(lines[first]) else {
                return false
            }
            return written.count == 1 || (form == .bare && lines[written[1]].length <= 40)
        }

        /// The text of the line at `position`.
        func raw(_ position: Int) -> String {
            String(decoding: text[lines[position].range], as: UTF8.self)
        }

        func nextNonBlank(from start: Int) -> Int? {
            var position = start
            while position < lines.count {
                if !lines[position].isBlank { return position }
                position += 1
            }
            return nil
        }
    }
}
