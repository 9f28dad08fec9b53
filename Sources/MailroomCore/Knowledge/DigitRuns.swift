/// The digit-shaped checks of ``PersonalDataScreen``: runs of digits joined by single separators (space, `-`,
/// `.`, `/`, parentheses), read once from left to right.
enum DigitRuns {
    typealias Finding = PersonalDataScreen.Finding

    /// Words before a number that make it an order, account, customer or invoice number.
    static let referenceWords: Set<String> = [
        "order", "account", "customer", "invoice", "reference", "ref", "no", "nr", "number", "ticket", "contract",
        "bestellung", "bestellnummer", "konto", "kundennummer", "rechnung", "commande", "compte", "facture", "pedido",
        "cuenta", "factura", "ordine", "conto", "fattura", "bestelling", "rekening",
    ]

    static func findings(in text: String, words: PersonalDataWords) -> [Finding] {
        var found: [Finding] = []
        for run in runs(in: text) {
            let digits = run.text.filter(\.isNumber)
            if (13...19).contains(digits.count), isLuhnValid(digits) {
                found.append(Finding(kind: .cardNumber, excerpt: PersonalDataScreen.mask(run.text)))
            } else if looksLikeDate(run.text) {
                continue
            } else if run.precededByReferenceWord || run.text.hasPrefix("#"), digits.count >= 4 {
                found.append(Finding(kind: .referenceNumber, excerpt: PersonalDataScreen.mask(run.text)))
            } else if (7...15).contains(digits.count),
                run.text.hasPrefix("+") || run.text.hasPrefix("0") || run.separated
            {
                found.append(Finding(kind: .phoneNumber, excerpt: PersonalDataScreen.mask(run.text)))
            } else if digits.count >= 6 {
                found.append(Finding(kind: .referenceNumber, excerpt: PersonalDataScreen.mask(run.text)))
            }
        }
        return found + mixedReferences(words)
    }

    /// Letters and digits mixed in one word with at least three digits and a letter (`A10-1234`, `ORD99812`).
    private static func mixedReferences(_ words: PersonalDataWords) -> [Finding] {
        words.words.filter { word in
            let digits = word.filter(\.isNumber).count
            let letters = word.filter(\.isLetter).count
            return word.count >= 5 && digits >= 3 && letters >= 1 && !word.contains("@") && !word.contains("://")
                && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "#" }
        }.map { Finding(kind: .referenceNumber, excerpt: PersonalDataScreen.mask($0)) }
    }

    struct Run {
        var text: String
        var separated: Bool
        var precededByReferenceWord: Bool
    }

    /// Digit runs with single separators between digits; a leading `+` or `#` is kept.
    static func runs(in text: String) -> [Run] {
        var runs: [Run] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            guard characters[index].isNumber, characters[index].isASCII else {
                index += 1
                continue
            }
            let start = index > 0 && (characters[index - 1] == "+" || characters[index - 1] == "#") ? index - 1 : index
            var end = index
            var separated = false
            while end + 1 < characters.count {
                if characters[end + 1].isNumber {
                    end += 1
                    continue
                }
                // One separator, or two where one is a parenthesis (`+44 (0) 20`), then a digit.
                var gap = 1
                while gap <= 2, end + gap < characters.count, separators.contains(characters[end + gap]) { gap += 1 }
                let joined = end + gap < characters.count && characters[end + gap].isNumber
                let parenthesised =
                    gap == 3
                    && (characters[end + 1] == "(" || characters[end + 1] == ")"
                        || characters[end + 2] == "(" || characters[end + 2] == ")")
                guard joined, gap == 2 || parenthesised else { break }
                separated = true
                end += gap
            }
            let text = String(characters[start...end])
            runs.append(
                Run(text: text, separated: separated, precededByReferenceWord: followsReferenceWord(characters, start)))
            index = end + 1
        }
        return runs
    }

    static let separators: Set<Character> = [" ", "-", ".", "/", "(", ")"]

    private static func followsReferenceWord(_ characters: [Character], _ start: Int) -> Bool {
        var index = start - 1
        while index >= 0, characters[index] == " " || characters[index] == ":" || characters[index] == "." {
            index -= 1
        }
        var word = ""
        while index >= 0, characters[index].isLetter {
            word.insert(characters[index], at: word.startIndex)
            index -= 1
        }
        return referenceWords.contains(word.lowercased())
    }

    /// `2026-11-21`, `21.11.2026`, `21/11/26`.
    static func looksLikeDate(_ text: String) -> Bool {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" })
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return false }
        let lengths = parts.map(\.count)
        return lengths == [4, 2, 2] || (lengths[0] <= 2 && lengths[1] <= 2 && (lengths[2] == 2 || lengths[2] == 4))
    }

    static func isLuhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (offset, character) in digits.reversed().enumerated() {
            guard var digit = character.wholeNumberValue else { return false }
            if offset % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }
}
