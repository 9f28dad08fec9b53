extension ReplyText {
    /// What a header-like line ("From: ...", "Von: ...", "*Sent:* ...", "Message du : ...") names.
    enum HeaderKey: Equatable {
        case from
        /// Sent or Date: the time the quoted message was written.
        case sent
        case other(String)
    }

    /// "From" in the languages Outlook, Gmail, Apple Mail, Yahoo, Thunderbird, GMX and the rest write quoted
    /// headers in.
    static let fromKeys: Set<String> = [
        "from", "von", "de", "de la", "van", "da", "från", "fra", "frá", "od", "от", "від", "lähettäjä", "kimden",
        "feladó", "expéditeur", "remetente", "mittente", "afzender", "avsändare", "nadawca", "odesílatel",
        "odosielateľ", "από", "nuo", "no", "saatja", "מאת", "من", "จาก", "từ", "dari", "发件人", "發件人", "寄件者",
        "寄件人", "差出人", "発信者", "보낸 사람", "보낸사람", "sender",
    ]

    /// Sent / Date in the same languages.
    static let sentKeys: Set<String> = [
        "sent", "date", "gesendet", "datum", "envoyé", "envoyé le", "date d'envoi", "enviado", "enviada", "enviado el",
        "enviado em", "enviada em", "fecha", "data", "data de envio", "inviato", "inviato il", "verzonden",
        "verstuurd", "skickat", "sendt", "dato", "wysłano", "wysłane", "data wysłania", "odesláno", "odoslané",
        "отправлено", "дата", "надіслано", "lähetetty", "päivämäärä", "gönderildi", "tarih", "elküldve", "dátum",
        "trimis", "στάλθηκε", "ημερομηνία", "poslano", "poslato", "išsiųsta", "nosūtīts", "saadetud", "נשלח",
        "تاريخ", "تم الإرسال", "ส่ง", "đã gửi", "dikirim", "tanggal", "送信日時", "送信日", "日付", "发送时间",
        "日期", "時間", "傳送時間", "寄件日期", "보낸 날짜", "날짜", "message du",
    ]

    /// To, Cc, Subject and Reply-To in the same languages.
    static let otherKeys: Set<String> = [
        "to", "cc", "bcc", "subject", "reply-to", "an", "kopie", "betreff", "antwort an", "à", "a", "objet", "sujet",
        "copie à", "cci", "répondre à", "para", "asunto", "assunto", "responder a", "aan", "onderwerp", "oggetto",
        "rispondi a", "till", "ämne", "kopia", "til", "emne", "kopi", "do", "temat", "komu", "předmět", "predmet",
        "кому", "копия", "тема", "копія", "vastaanottaja", "aihe", "kopio", "kime", "konu", "bilgi", "címzett",
        "tárgy", "către", "subiect", "προς", "κοιν", "θέμα", "prima", "za", "zadeva", "kam", "tēma", "adressaat",
        "teema", "אל", "נושא", "إلى", "الموضوع", "ถึง", "เรื่อง", "đến", "chủ đề", "kepada", "perihal", "subjek",
        "per a", "assumpte", "tema", "宛先", "件名", "收件人", "抄送", "主题", "收件者", "副本", "主旨", "받는 사람",
        "제목", "참조",
    ]

    /// The key of a header-like line (a normalised key), if the text before its colon is a known field name.
    static func headerKey(_ key: String) -> HeaderKey? {
        if key.hasPrefix("message du ") || key.hasPrefix("message du:") { return .sent }
        guard let colon = key.prefix(24).firstIndex(of: ":") else { return nil }
        let name = key[..<colon].trimmed()
        guard !name.isEmpty else { return nil }
        if fromKeys.contains(name) { return .from }
        if sentKeys.contains(name) { return .sent }
        if otherKeys.contains(name) { return .other(name) }
        return nil
    }

    /// Whether a quoted header block starts at `index`: header fields within the next few lines (wrapped values
    /// and blank lines between them allowed) that name a sender and at least two more fields, or a date with a
    /// time and another field with an address ("Date: ... / To: a@b").
    static func headerBlockStarts(_ lines: [Line], at index: Int) -> Bool {
        guard lines[index].field != nil, lines[index].length <= 200 else { return false }
        var names = Set<String>()
        var hasFrom = false
        var datedSent = false
        var addressed = false
        var strays = 0
        for line in lines[index..<min(lines.count, index + 9)] where !line.isBlank {
            guard let field = line.field else {
                strays += 1
                if strays > 2 || line.isQuoted { break }
                continue
            }
            let hasAddress = line.key.contains("@") || line.key.contains("<")
            switch field {
            case .from:
                hasFrom = true
                names.insert("from")
                addressed = addressed || hasAddress
            case .sent:
                datedSent = datedSent || hasDateOrTime(line.key)
                names.insert("sent")
            case .other(let name):
                addressed = addressed || hasAddress
                names.insert(name)
            }
            if hasFrom && names.count >= 3 { return true }
            if datedSent && addressed && names.count >= 2 { return true }
        }
        return false
    }
}
