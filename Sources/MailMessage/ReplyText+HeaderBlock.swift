extension ReplyText {
    /// What a header-like line ("From: ...", "Von: ...", "*Sent:* ...", "Message du : ...") names.
    enum HeaderKey: Int {
        case from
        /// Sent or Date: the time the quoted message was written.
        case sent
        case to
        case cc
        case subject
        case replyTo
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
    static let toKeys: Set<String> = [
        "to", "an", "à", "a", "para", "aan", "till", "til", "do", "komu", "кому", "vastaanottaja", "kime", "címzett",
        "către", "προς", "prima", "za", "kam", "adressaat", "אל", "إلى", "ถึง", "đến", "kepada", "per a", "宛先",
        "收件人", "收件者", "받는 사람",
    ]
    static let ccKeys: Set<String> = [
        "cc", "bcc", "kopie", "copie à", "cci", "kopia", "kopi", "копия", "копія", "kopio", "bilgi", "κοιν", "抄送",
        "副本", "참조",
    ]
    static let subjectKeys: Set<String> = [
        "subject", "betreff", "objet", "sujet", "asunto", "assunto", "onderwerp", "oggetto", "ämne", "emne", "temat",
        "předmět", "predmet", "тема", "aihe", "konu", "tárgy", "subiect", "θέμα", "zadeva", "tēma", "teema", "נושא",
        "الموضوع", "เรื่อง", "chủ đề", "perihal", "subjek", "assumpte", "tema", "件名", "主题", "主旨", "제목",
    ]
    static let replyToKeys: Set<String> = ["reply-to", "antwort an", "répondre à", "responder a", "rispondi a"]

    /// Every field name above and what it names.
    static let headerNames: [String: HeaderKey] = {
        var names: [String: HeaderKey] = [:]
        let tables: [(Set<String>, HeaderKey)] = [
            (fromKeys, .from), (sentKeys, .sent), (toKeys, .to), (ccKeys, .cc), (subjectKeys, .subject),
            (replyToKeys, .replyTo),
        ]
        for (table, field) in tables {
            for name in table where names[name] == nil { names[name] = field }
        }
        return names
    }()

    /// Orange's "Message du 12/03/24 14:05" (with or without a colon), which starts its header block.
    static let messageDu: Key = "message du"

    /// The key of a header-like line, if the text before its colon (at most 24 bytes in) is a known field name.
    static func headerKey(_ key: Key) -> HeaderKey? {
        if key.first == 0x6D, key.hasPrefix(messageDu) { return .sent }
        var colon = 0
        while colon < key.bytes.count && colon < 25 && key.bytes[colon] != 0x3A { colon += 1 }
        guard colon > 0, colon < key.bytes.count, key.bytes[colon] == 0x3A else { return nil }
        return headerNames[Key(bytes: Array(key.bytes[..<colon])).trimmed([0x20]).description]
    }

    /// Whether a quoted header block starts at `index`: header fields within the next few lines (wrapped values
    /// and blank lines between them allowed) that name a sender and at least two more fields, or a date with a
    /// time and another field with an address ("Date: ... / To: a@b").
    static func headerBlockStarts(_ lines: [Line], at index: Int) -> Bool {
        guard lines[index].field != nil, lines[index].length <= 200 else { return false }
        var fields: UInt8 = 0
        var datedSent = false
        var addressed = false
        var strays = 0
        for line in lines[index..<min(lines.count, index + 9)] where !line.isBlank {
            guard let field = line.field else {
                strays += 1
                if strays > 2 || line.isQuoted { break }
                continue
            }
            fields |= 1 << field.rawValue
            if field == .sent {
                datedSent = datedSent || hasDateOrTime(line.key)
            } else {
                addressed = addressed || line.hasAt || line.key.contains(byte: 0x3C)
            }
            let count = fields.nonzeroBitCount
            if fields & 1 != 0 && count >= 3 { return true }
            if datedSent && addressed && count >= 2 { return true }
        }
        return false
    }
}
