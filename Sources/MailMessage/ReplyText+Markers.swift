extension ReplyText {
    /// An attribution line ("On ... wrote:") found at a line, and how sure we are.
    struct Attribution {
        /// How many lines it spans (clients wrap long attributions).
        var lineCount: Int
        /// Strong: it has the shape of an attribution (a start word, or a date and an address). A weak one
        /// ("John wrote:") only counts when quoted lines follow it.
        var isStrong: Bool
    }

    /// Endings of "X wrote:" in the languages mail clients write them in (lowercased, white space single).
    static let wroteEndings = [
        "wrote:", "writes:", "wrote :", "schrieb:", "a écrit:", "a écrit :", "escribió:", "escribio:", "ha scritto:",
        "escreveu:", "schreef:", "geschreven:", "het volgende geschreven:", "skrev:", "skriver:", "napisał:",
        "napisał(a):", "napisała:", "написал:", "написал(а):", "написала:", "пише:", "kirjoitti:", "napsal:",
        "napsal(a):", "yazdı:", "írta:", "a scris:", "έγραψε:", "כתב:", "كتب:", "menulis:", "đã viết:", "写道:",
        "寫道:", "작성:", "のメッセージ:", "さんは書きました:",
    ]

    /// Verbs that sit in the middle of the attribution in some languages ("Am ... schrieb Bob <b@x>:").
    static let wroteVerbs = [" schrieb ", " schreef ", " skrev ", " napsal ", " kirjoitti ", " napisał ", " написал "]

    /// Words attributions start with: en, de, fr, es, it, pt, nl, sv/da/no, pl, cs, zh, id, vi, el.
    static let attributionStarts = [
        "on ", "am ", "le ", "el ", "il ", "em ", "op ", "den ", "w dniu ", "dnia ", "dne ", "在", "pada ", "vào ",
        "στις ", "på ",
    ]

    /// The attribution starting at `index`, trying one, two and three lines joined.
    static func attribution(in lines: [String], at index: Int) -> Attribution? {
        let first = normalized(lines[index])
        guard !first.isEmpty, first.count <= 300 else { return nil }
        let startsLikeOne = attributionStarts.contains { first.hasPrefix($0) } || first.first?.isNumber == true
        var joined = first
        for count in 1...3 {
            if count > 1 {
                guard startsLikeOne, index + count - 1 < lines.count else { return nil }
                let next = normalized(lines[index + count - 1])
                guard !next.isEmpty, !isQuoted(next) else { return nil }
                joined += " " + next
                if joined.count > 400 { return nil }
            }
            guard endsLikeAttribution(joined) else { continue }
            let hasDate = joined.contains { $0.isNumber }
            let hasAddress = joined.contains("@") || joined.contains("<")
            let strong = (startsLikeOne && hasDate) || (hasDate && hasAddress)
            return Attribution(lineCount: count, isStrong: strong)
        }
        return nil
    }

    /// Whether a (joined, normalised) line ends like "... wrote:" in any known language.
    static func endsLikeAttribution(_ line: String) -> Bool {
        guard line.hasSuffix(":") else { return false }
        if wroteEndings.contains(where: { line.hasSuffix($0) }) { return true }
        return wroteVerbs.contains { line.contains($0) } && (line.hasSuffix(">:") || line.contains("@"))
    }

    /// Separator lines that start quoted or forwarded history ("-----Original Message-----", ...).
    static let separatorPhrases = [
        "original message", "ursprüngliche nachricht", "originalnachricht", "message d'origine", "message d’origine",
        "mensaje original", "messaggio originale", "oorspronkelijk bericht", "origineel bericht", "mensagem original",
        "ursprungligt meddelande", "opprinnelig melding", "oprindelig meddelelse", "original meddelelse",
        "alkuperäinen viesti", "původní zpráva", "oryginalna wiadomość", "wiadomość oryginalna", "исходное сообщение",
        "forwarded message", "weitergeleitete nachricht", "message transféré", "mensaje reenviado",
        "messaggio inoltrato", "doorgestuurd bericht", "mensagem encaminhada", "vidarebefordrat meddelande",
        "videresendt melding", "przekazana wiadomość", "пересылаемое сообщение", "reply message", "回复的原邮件",
        "原始邮件", "原始郵件", "転送されたメッセージ", "元のメッセージ",
    ]

    /// Lines that introduce a forwarded message without dashes (Apple Mail and its translations).
    static let forwardIntroductions = [
        "begin forwarded message:", "anfang der weitergeleiteten nachricht:", "début du message réexpédié :",
        "début du message réexpédié:", "inicio del mensaje reenviado:", "inizio messaggio inoltrato:",
        "início da mensagem reencaminhada:", "mensagem encaminhada:", "begin doorgestuurd bericht:",
        "vidarebefordrat mejl:", "początek przekazanej wiadomości:", "начало переадресованного сообщения:",
    ]

    /// `-----Original Message-----`, `----- Original Message -----`, `-------- Forwarded Message --------`,
    /// `Begin forwarded message:` and their translations.
    static func isSeparator(_ line: String) -> Bool {
        let text = normalized(line)
        guard text.count <= 80 else { return false }
        if forwardIntroductions.contains(text) { return true }
        guard text.hasPrefix("--") || text.hasPrefix("==") || text.hasPrefix("—") || text.hasPrefix("__") else {
            return false
        }
        let inner = text.trimmed(["-", "=", "—", "_", " ", "*"])
        return separatorPhrases.contains(inner)
    }

    /// Mobile and client signatures, matched on the start of a short line.
    static let mobileSignatureStarts = [
        "sent from my ", "sent from mail for windows", "sent from outlook", "sent from yahoo mail", "sent from samsung",
        "sent from the all new aol app", "sent via ", "sent with ", "get outlook for ", "envoyé de mon ",
        "envoyé depuis mon ", "envoyé à partir de ", "envoyé avec ", "von meinem ", "gesendet von meinem ",
        "gesendet mit ", "gesendet von ", "enviado desde mi ", "enviado desde ", "enviado de meu ", "enviado do meu ",
        "inviato da ", "inviato dal mio ", "verzonden vanaf mijn ", "verstuurd vanaf mijn ",
        "verzonden met ", "skickat från min ", "skickat från ", "sendt fra min ", "sendt fra ", "wysłane z ",
        "отправлено с ", "отправлено из ", "lähetetty ", "iphone'umdan gönderildi", "从我的iphone发送",
        "發自我的 iphone", "iphoneから送信",
    ]

    static func isMobileSignature(_ line: String) -> Bool {
        let text = normalized(line)
        guard text.count <= 60 else { return false }
        return mobileSignatureStarts.contains { text.hasPrefix($0) }
    }

    /// A line lowercased and trimmed, non-breaking spaces as spaces, markdown-ish `*` emphasis removed.
    static func normalized(_ line: String) -> String {
        var text = ""
        var lastWasSpace = false
        for character in line.lowercased() {
            let isSpace = character == " " || character == "\t" || character == "\u{00A0}" || character == "\u{202F}"
            if isSpace {
                if !lastWasSpace { text.append(" ") }
            } else if character != "*" {
                text.append(character == "：" ? ":" : character)
            }
            lastWasSpace = isSpace
        }
        return text.trimmed()
    }
}
