extension ReplyText {
    /// How "X wrote" ends in the languages mail clients write it in (Gmail, Outlook, Apple Mail, Thunderbird,
    /// Yahoo, Zoho, GMX/Web.de, Yandex, Mail.ru, ...), lowercased, without the colon.
    static let wroteEndings = [
        "wrote", "writes", "wrote the following", "schrieb", "schrieb folgendes", "a écrit",
        "a écrit le message suivant",
        "escribió", "escribio", "ha scritto", "escreveu", "schreef", "geschreven", "het volgende geschreven",
        "schreef het volgende", "skrev", "skriver", "skrev følgende", "skrev följande", "skrifaði", "napisał",
        "napisał(a)", "napisała", "pisze", "napsal", "napsal(a)", "napsala", "napísal", "napísal(a)", "napísala",
        "napisao je", "napisala je", "je napisao", "je napisala", "je napisao/la", "je napisal", "je napisal/a",
        "je napisala", "написал", "написал(а)", "написала", "пишет", "пише", "написав", "написав(ла)", "написала",
        "написа", "је написао", "је написала", "kirjoitti", "kirjutas", "rašė", "rakstīja", "yazdı", "şunu yazdı",
        "írta", "a scris", "va escriure", "έγραψε", "כתב", "כתב/ה", "כתבה", "كتب", "نوشت", "ने लिखा", "เขียนว่า",
        "menulis", "đã viết", "aliandika", "sumulat", "写道", "寫道", "작성", "님이 작성", "のメッセージ",
        "さんは書きました", "は書きました", "sent",
    ]

    /// Endings that only count with a date and an address ("On <date>, Bob <b@x> sent:").
    static let weakWroteEndings: Set<String> = ["sent"]

    /// Verbs in the middle of an attribution in some languages ("Am ... schrieb Bob <b@x>:", "Bob kirjoitti
    /// 3.4.2012 klo 16.19:", "Bob <b@x> ezt írta (időpont: ...):").
    static let wroteVerbs = [
        " schrieb ", " schreef ", " skrev ", " napsal ", " napsal(a) ", " kirjoitti ", " napisał ", " napisał(a) ",
        " написал ", " написал(а) ", " ezt írta ",
    ]

    /// Words for "I" and "we": "On Monday I wrote:" is the customer's own sentence, not an attribution.
    static let firstPerson: Set<String> = [
        "i", "we", "ich", "wir", "je", "j'ai", "nous", "yo", "eu", "io", "ik", "wij", "jag", "jeg", "vi", "я", "мы",
        "minä", "me", "jsem", "ja", "my",
    ]

    /// Words attributions start with: en, de, fr, es/ca, it, pt, nl, sv/da/no, pl, cs/sk, ro, el, zh, id, vi, th,
    /// ar, he, and Horde's "Quoting".
    static let attributionStarts = [
        "on ", "am ", "le ", "el ", "il ", "em ", "op ", "den ", "w dniu ", "dnia ", "dne ", "dňa ", "pe ", "în ",
        "în data de ", "στις ", "在", "pada ", "vào ", "på ", "เมื่อ ", "في ", "בתאריך ", "at ", "quoting ",
        "zitat von ", "citando ", "citation de ", "cytat ", "цитата ",
    ]

    /// Weekday names and abbreviations that start Gmail's date-first attributions in many languages
    /// ("tir. 3. apr. 2012 kl. 16:19 skrev ...", "вт, 3 апр. 2012 г. в 16:19, ...").
    static let weekdays: Set<String> = [
        "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri",
        "friday", "sat", "saturday", "sun", "sunday", "mo", "di", "mi", "do", "fr", "sa", "so", "montag", "dienstag",
        "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "mié", "jue", "vie", "sáb", "dom",
        "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "gio", "sab", "lunedì", "martedì",
        "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "seg", "ter", "qua", "qui", "sex", "segunda",
        "terça", "quarta", "quinta", "sexta", "ma", "wo", "vr", "za", "zo", "mån", "tis", "ons", "tors", "fre", "lör",
        "sön", "man", "tir", "tor", "lør", "søn", "ti", "ke", "to", "pe", "la", "su", "pon", "wt", "śr", "czw", "pt",
        "sob", "niedz", "po", "út", "st", "čt", "pá", "ne", "uto", "sri", "čet", "pet", "sub", "ned", "pzt", "sal",
        "çar", "per", "cum", "cmt", "paz", "пн", "вт", "ср", "чт", "пт", "сб", "вс", "нд", "понедельник",
        "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье", "dt", "dc", "dj", "dv", "ds", "dg",
    ]

    /// Separator lines that start quoted or forwarded history ("-----Original Message-----", ...).
    static let separatorPhrases = [
        "original message", "original email", "original e-mail", "forwarded message", "forwarded email",
        "reply message", "ursprüngliche nachricht", "originalnachricht", "original-nachricht",
        "ursprüngliche e-mail", "weitergeleitete nachricht", "message d'origine", "message d’origine",
        "message original", "message initial", "courriel original", "message transféré", "mensaje original",
        "mensaje reenviado", "missatge original", "missatge reenviat", "messaggio originale", "messaggio inoltrato",
        "mensagem original", "mensagem encaminhada", "mensagem reencaminhada", "oorspronkelijk bericht",
        "origineel bericht", "oorspronkelijke e-mail", "doorgestuurd bericht", "ursprungligt meddelande",
        "originalmeddelande", "vidarebefordrat meddelande", "oprindelig meddelelse", "oprindelig besked",
        "original meddelelse", "videresendt meddelelse", "videresendt besked", "opprinnelig melding",
        "original melding", "videresendt melding", "opprinnelig e-post", "alkuperäinen viesti", "välitetty viesti",
        "edelleenlähetetty viesti", "oryginalna wiadomość", "wiadomość oryginalna", "przekazana wiadomość",
        "wiadomość przekazana dalej", "původní zpráva", "přeposlaná zpráva", "pôvodná správa", "preposlaná správa",
        "eredeti üzenet", "továbbított üzenet", "mesaj original", "mesaj redirecționat", "orijinal mesaj",
        "özgün ileti", "asıl ileti", "iletilen ileti", "αρχικό μήνυμα", "προωθημένο μήνυμα", "исходное сообщение",
        "оригинальное сообщение", "пересылаемое сообщение", "пересланное сообщение", "оригінальне повідомлення",
        "початкове повідомлення", "переслане повідомлення", "оригинално съобщение", "препратено съобщение",
        "izvorna poruka", "originalna poruka", "proslijeđena poruka", "prosleđena poruka", "izvirno sporočilo",
        "posredovano sporočilo", "originalus laiškas", "persiųstas laiškas", "sākotnējā ziņa", "pārsūtīta ziņa",
        "algne kiri", "edastatud kiri", "הודעה מקורית", "הודעה שהועברה", "الرسالة الأصلية", "ข้อความต้นฉบับ",
        "thư gốc", "thư chuyển tiếp", "pesan asli", "pesan terusan", "回复的原邮件", "原始邮件", "原始郵件",
        "原邮件", "转发的邮件", "轉寄的郵件", "転送されたメッセージ", "元のメッセージ", "원본 메시지", "전달된 메시지",
    ]

    /// Lines that introduce a forwarded message without dashes (Apple Mail and its translations).
    static let forwardIntroductions: Set<String> = [
        "begin forwarded message:", "anfang der weitergeleiteten nachricht:", "début du message réexpédié :",
        "début du message réexpédié:", "début du message transféré :", "inicio del mensaje reenviado:",
        "inizio messaggio inoltrato:", "início da mensagem reencaminhada:", "mensagem encaminhada:",
        "begin doorgestuurd bericht:", "vidarebefordrat mejl:", "videresendt e-post:", "videresendt besked:",
        "välitetty viesti alkaa:", "początek przekazanej wiadomości:", "začátek přeposlané zprávy:",
        "начало переадресованного сообщения:", "转发的邮件：", "转发的邮件:", "転送されたメッセージ:",
    ]

    static let separatorKeys = separatorPhrases.map { Key($0) }
    static let forwardIntroductionKeys = Set(forwardIntroductions.map { Key($0) })

    /// `-----Original Message-----`, `----- Original Message -----`, `-------- Forwarded Message --------`,
    /// `===== Forwarded message =====`, `Begin forwarded message:` and their translations.
    static func isSeparator(_ line: Line) -> Bool {
        let key = line.key
        guard !line.isLong, line.length <= 200, let first = key.first else { return false }
        if key.last == 0x3A { return forwardIntroductionKeys.contains(key) }
        guard ruleBytes.contains(first) || key.hasPrefix(emDash) else { return false }
        var offset = 0
        while offset < key.bytes.count {
            if ruleBytes.contains(key.bytes[offset]) || key.bytes[offset] == 0x20 {
                offset += 1
            } else if key.matches(emDash, at: offset) {
                offset += 3
            } else {
                break
            }
        }
        guard offset >= 2, offset < key.bytes.count else { return false }
        let rest = key.dropFirst(offset)
        for phrase in separatorKeys where rest.hasPrefix(phrase) {
            let after = rest.dropFirst(phrase.bytes.count).trimmed([0x20])
            guard let next = after.first else { return true }
            if ruleBytes.contains(next) || after.hasPrefix(emDash) { return true }
        }
        return false
    }
}
