extension Tokenizer {
    /// Words that announce an order number (in the languages the product serves).
    static let orderWords: Set<String> = [
        "order", "orders", "purchase", "ord", "bestellung", "bestellnummer", "auftrag", "commande", "pedido",
        "ordine", "bestelling", "encomenda", "compra", "achat",
    ]
    /// Words that announce a ticket, case or reference number.
    static let ticketWords: Set<String> = [
        "ticket", "tickets", "case", "tck", "tkt", "incident", "ref", "reference", "reclamation", "caso",
        "vorgang", "dossier", "referenz", "referencia", "riferimento",
    ]
    /// Words that may stand between the announcing word and the number.
    static let fillerWords: Set<String> = ["no", "nr", "number", "num", "id", "nummer", "numero", "n", "nro", "#"]
    /// Words that mark a preceding number as an amount.
    static let currencyWords: Set<String> = [
        "eur", "euro", "euros", "usd", "dollar", "dollars", "gbp", "pounds", "chf", "franken", "dolares",
    ]

    static func classify(_ pieces: [Piece]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(pieces.count)
        for (index, piece) in pieces.enumerated() {
            switch piece.kind {
            case .word:
                tokens.append(Token(kind: .word, text: piece.text, raw: piece.text))
            case .url:
                tokens.append(typed(.url, piece.text))
            case .email:
                tokens.append(typed(.email, piece.text))
            case .hash, .currency:
                continue
            case .digits, .alphanumeric:
                tokens.append(number(at: index, in: pieces))
            }
        }
        return tokens
    }

    private static func typed(_ kind: Token.Kind, _ raw: String) -> Token {
        Token(kind: kind, text: Token.placeholder(for: kind), raw: raw)
    }

    private static func number(at index: Int, in pieces: [Piece]) -> Token {
        let piece = pieces[index]
        if let context = announcingKind(before: index, in: pieces) {
            return typed(context, piece.text)
        }
        if piece.kind == .digits {
            if index > 0, pieces[index - 1].kind == .currency { return typed(.money, piece.text) }
            if index + 1 < pieces.count {
                let next = pieces[index + 1]
                if next.kind == .currency || currencyWords.contains(next.text) { return typed(.money, piece.text) }
            }
            if index > 0, currencyWords.contains(pieces[index - 1].text) { return typed(.money, piece.text) }
            if piece.text.count <= 2 { return Token(kind: .number, text: piece.text, raw: piece.text) }
            return typed(.number, piece.text)
        }
        let digitCount = piece.text.unicodeScalars.filter(isDigit).count
        if digitCount >= 4, let prefixed = prefixedKind(piece.text) { return typed(prefixed, piece.text) }
        if digitCount < 4 { return Token(kind: .word, text: piece.text, raw: piece.text) }
        return typed(.number, piece.text)
    }

    /// `ord12345` is an order number, `tck12345` or `inc12345` a ticket number.
    private static func prefixedKind(_ text: String) -> Token.Kind? {
        if text.hasPrefix("ord") || text.hasPrefix("po") { return .orderNumber }
        if text.hasPrefix("tck") || text.hasPrefix("tkt") || text.hasPrefix("inc") || text.hasPrefix("case") {
            return .ticketNumber
        }
        return nil
    }

    /// Looks back over at most two filler words for a word that announces an order or ticket number.
    private static func announcingKind(before index: Int, in pieces: [Piece]) -> Token.Kind? {
        var cursor = index - 1
        var fillers = 0
        while cursor >= 0 {
            let text = pieces[cursor].text
            if orderWords.contains(text) { return .orderNumber }
            if ticketWords.contains(text) { return .ticketNumber }
            guard fillerWords.contains(text), fillers < 2 else { break }
            fillers += 1
            cursor -= 1
        }
        if index > 0, pieces[index - 1].kind == .hash { return .ticketNumber }
        return nil
    }
}
