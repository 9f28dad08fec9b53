extension ReplyText {
    /// What a header-like line ("From: ...", "Von: ...", "*Sent:* ...") names.
    enum HeaderKey: Equatable {
        case from
        case other(String)
    }

    /// "From" in the languages Outlook, Gmail, Apple Mail, Yahoo and Thunderbird write quoted headers in.
    static let fromKeys: Set<String> = [
        "from", "von", "de", "van", "da", "från", "fra", "od", "от", "lähettäjä", "kimden", "feladó", "expéditeur",
        "remetente", "mittente", "afzender", "avsändare", "nadawca", "odesílatel", "発信者", "差出人", "发件人",
        "寄件者", "보낸 사람", "보낸사람",
    ]

    /// The other fields of such a block: sent/date, to, cc, subject, in the same languages.
    static let otherKeys: Set<String> = [
        "sent", "date", "to", "cc", "subject", "reply-to",
        "gesendet", "datum", "an", "kopie", "betreff", "antwort an",
        "envoyé", "à", "a", "objet", "répondre à",
        "enviado", "enviada", "enviado em", "enviada em", "fecha", "para", "asunto", "assunto", "data", "responder a",
        "verzonden", "aan", "onderwerp", "verstuurd",
        "inviato", "oggetto", "rispondi a",
        "skickat", "till", "ämne", "kopia", "sendt", "til", "emne", "kopi",
        "wysłano", "wysłane", "do", "temat", "data wysłania",
        "odesláno", "komu", "předmět", "отправлено", "дата", "кому", "копия", "тема",
        "lähetetty", "vastaanottaja", "aihe", "gönderildi", "kime", "konu", "elküldve", "címzett", "tárgy",
        "送信日時", "宛先", "件名", "日付", "发送时间", "日期", "收件人", "抄送", "主题", "傳送時間", "收件者", "主旨",
        "보낸 날짜", "받는 사람", "제목", "참조",
    ]

    /// The key of a header-like line, if the text before its colon is a known field name.
    static func headerKey(_ line: String) -> HeaderKey? {
        let text = normalized(line)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmed()
        guard !key.isEmpty, key.count <= 20 else { return nil }
        if fromKeys.contains(key) { return .from }
        if otherKeys.contains(key) { return .other(key) }
        return nil
    }

    /// Whether a quoted header block starts at `index`: a From line with a value, followed within the next
    /// eight lines by at least two other header fields (Sent, To, Subject, ...).
    static func headerBlockStarts(_ lines: [String], at index: Int) -> Bool {
        guard headerKey(lines[index]) == .from, normalized(lines[index]).count <= 200 else { return false }
        var others = Set<String>()
        for following in lines[(index + 1)..<min(lines.count, index + 9)] {
            if case .other(let key) = headerKey(following) { others.insert(key) }
            if others.count >= 2 { return true }
        }
        return false
    }
}
