extension ReplyText {
    /// Starts of device and app signatures ("Sent from my iPhone", "Von meinem iPhone gesendet", "Get Outlook
    /// for iOS", ...), lowercased. What follows must name a device or an app (see ``deviceWords``), or, after
    /// the phrases in ``appSignatureStarts``, be one or two words ("Sent from TypeApp").
    static let deviceSignatureStarts = [
        "sent from ", "sent via ", "sent with ", "sent using ", "sent on ", "get outlook for ", "envoyé de ",
        "envoyé depuis ", "envoyé à partir de ", "envoyé avec ", "envoyé via ", "obtenir outlook pour ", "von ",
        "gesendet von ", "gesendet mit ", "gesendet vom ", "hole dir outlook für ", "outlook für ", "enviado desde ",
        "enviado de ", "enviado do ", "enviado a partir do ", "enviado con ", "enviado com ", "enviado via ",
        "obtener outlook para ", "baixe o outlook para ", "inviato da ", "inviato dal ", "inviato con ",
        "scarica outlook per ", "verzonden vanaf ", "verzonden met ", "verstuurd vanaf ", "verstuurd met ",
        "outlook voor ", "skickat från ", "skickat med ", "skaffa outlook för ", "sendt fra ", "sendt med ",
        "hent outlook til ", "lähetetty ", "hanki outlook ", "wysłane z ", "wysłano z ", "wysłane przy użyciu ",
        "pobierz aplikację outlook ", "odesláno z ", "odoslané z ", "отправлено с ", "отправлено из ",
        "отправлено через ", "надіслано з ", "küldve ", "saját ", "trimis de pe ", "trimis din ",
        "αποστολή από ", "dikirim dari ", "gửi từ ", "enviat des de ", "enviat amb ", "poslano z ", "poslano sa ",
        "poslato sa ", "poslano s ", "išsiųsta iš ", "nosūtīts no ", "sūtīts no ", "saadetud ", "נשלח מ", "发自我的",
        "發自我的", "从我的", "從我的", "내 ", "verzonden vanuit ", "verstuurd vanuit ", "στάλθηκε από ", "أرسلت من ",
        "ส่งจาก ", "изпратено от ", "послато са ", "sent úr ", "dihantar dari ", "hämta outlook för ",
        "hent outlook for ", "pobierz outlook ", "получите outlook ", "получить outlook ", "outlook for ",
        "outlook para ", "outlook pour ", "outlook per ", "baixar o outlook ", "obtenga outlook ",
        "descargar outlook ", "download outlook ", "holen sie sich outlook ", "this message was sent from ",
        "this email was sent from ", "diese nachricht wurde von ", "diese nachricht wurde mit ",
        "ce message a été envoyé depuis ", "este mensaje fue enviado desde ", "questo messaggio è stato inviato da ",
    ]

    /// Starts after which a one- or two-word app name is enough ("Sent from TypeApp", "Sent with Spark").
    static let appSignatureStarts = ["sent from ", "sent via ", "sent with ", "sent using "]

    /// Endings of device signatures written the other way round ("iPhone'umdan gönderildi", "iPhoneから送信").
    static let deviceSignatureEnds = [
        " gesendet", "gönderildi", "から送信", "から送信しました", "发送", "傳送", "보냄", "küldve", "भेजा गया",
    ]

    /// Devices, phone makers, carriers and mail apps named in signatures (a word must contain one of five
    /// letters or more, or start with a shorter one).
    static let deviceWords = [
        "iphon", "ipad", "ipod", "android", "samsung", "galaxy", "huawei", "honor", "xiaomi", "redmi", "oneplus",
        "pixel", "nokia", "motorola", "xperia", "blackberry", "oppo", "fairphone", "windows", "mobile",
        "smartphone", "tablet", "handy", "telefon", "téléphone", "teléfono", "telefono", "telefone", "telefoon",
        "phone", "cellphone", "móvil", "movil", "celular", "cellulare", "mobil", "mobiel", "puhelin", "телефон",
        "смартфон", "айфон", "outlook", "yahoo", "aol", "gmail", "mail", "typeapp", "bluemail", "spark", "airmail",
        "protonmail", "proton", "tutanota", "tapatalk", "owa", "k-9", "fairemail", "aquamail", "newton", "edison",
        "yandex",
        "яндекс", "verizon", "at&t", "t-mobile", "sprint", "vodafone", "ios", "wear", "watch", "device", "appareil",
        "gerät", "dispositivo", "apparaat", "enhet", "laite", "urządzenia", "zařízení", "устройства",
    ]

    /// Valedictions ("Regards,", "Mit freundlichen Grüßen") in the languages our customers write, lowercased,
    /// without trailing punctuation.
    static let valedictions: Set<String> = [
        "regards", "best regards", "kind regards", "warm regards", "warmest regards", "best", "all the best",
        "best wishes", "many thanks", "thanks", "thank you", "thanks again", "thanks in advance", "thank you again",
        "thx", "ty", "cheers", "thanks & regards", "thanks and regards", "thanks & best regards",
        "thanks and best regards", "many thanks and best regards", "with best regards", "with kind regards",
        "with regards", "kindest regards", "best regards and thanks", "warm wishes", "yours", "sincerely",
        "yours sincerely", "sincerely yours", "yours truly", "yours faithfully",
        "faithfully", "cordially", "respectfully", "take care", "greetings", "br", "brgds", "rgds", "kr",
        "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße", "freundliche grüsse",
        "viele grüße", "viele grüsse", "beste grüße", "beste grüsse", "liebe grüße", "liebe grüsse", "herzliche grüße",
        "herzliche grüsse", "mit besten grüßen", "mit besten grüssen", "schöne grüße", "schöne grüsse", "gruß", "gruss",
        "grüße", "grüsse", "mfg", "lg", "vg", "danke", "vielen dank",
        "cordialement", "bien cordialement", "bien à vous", "salutations", "sincères salutations",
        "meilleures salutations", "salutations distinguées", "amicalement", "merci", "merci beaucoup", "bonne journée",
        "saludos",
        "un saludo", "un cordial saludo", "saludos cordiales", "atentamente", "cordialmente", "gracias",
        "muchas gracias", "un abrazo",
        "cordiali saluti", "saluti", "distinti saluti", "un saluto", "grazie", "grazie mille", "atenciosamente",
        "cumprimentos", "melhores cumprimentos", "com os melhores cumprimentos", "abraço", "obrigado", "obrigada",
        "abraços", "met vriendelijke groet",
        "met vriendelijke groeten", "vriendelijke groet", "vriendelijke groeten", "met groet", "groet", "groeten",
        "groetjes", "mvg", "bedankt", "hartelijke groet",
        "med vänliga hälsningar", "med vänlig hälsning", "vänliga hälsningar", "hälsningar", "mvh", "tack",
        "med venlig hilsen",
        "venlig hilsen", "hilsen", "med vennlig hilsen", "vennlig hilsen", "tak", "takk", "ystävällisin terveisin",
        "terveisin", "parhain terveisin", "kiitos", "pozdrawiam", "pozdrawiam serdecznie", "z poważaniem", "dziękuję",
        "с уважением", "с наилучшими пожеланиями", "спасибо", "всего доброго",
        "s pozdravem", "s přátelským pozdravem", "děkuji", "saygılarımla", "saygılar", "teşekkürler", "üdvözlettel",
        "köszönettel", "cu stimă", "cu drag",
        "με εκτίμηση", "よろしくお願いします", "よろしくお願いいたします", "谢谢", "此致",
    ]

    /// Phrases of legal disclaimers, which belong to a signature whatever their length.
    static let disclaimerWords = [
        "confidential", "intended recipient", "privileged", "disclaimer", "vertraulich", "confidentiel",
        "confidencial", "riservat", "vertrouwelijk", "konfidentiell", "fortrolig", "luottamuksellinen", "poufn",
        "конфиденциальн",
    ]

    /// Lines that start a mailing-list footer (after a rule line), lowercased.
    static let listFooterStarts = [
        "to unsubscribe", "unsubscribe:", "unsubscribe from", "you received this message because",
        "you are receiving this because", "to post to this group", "for more options, visit", "groups.io links",
        "view/reply online", "list info", "listinfo", "abmelden:", "se désabonner", "pour vous désabonner",
        "darse de baja", "para cancelar la suscripción",
    ]

    /// Phrases anywhere in a line of a mailing-list footer.
    static let listFooterPhrases = [
        "mailing list", "mailing-list", "mailingliste", "liste de diffusion", "lista de correo", "/listinfo",
        "mailman/", "googlegroups.com", "groups.google.com", "groups.io/", "@lists.", "//lists.",
    ]

    /// Greetings that may stand above a bottom-posted reply without making it a top-post ("Hi Anna,").
    static let greetings = [
        "hi", "hello", "hey", "dear", "good morning", "good afternoon", "hallo", "liebe", "lieber", "sehr geehrte",
        "guten tag", "bonjour", "salut", "hola", "estimado", "estimada", "buenos días", "ciao", "gentile", "buongiorno",
        "olá", "ola", "bom dia", "beste", "goedemiddag", "goedendag", "hej", "hei", "moi", "cześć", "dzień dobry",
        "здравствуйте", "привет", "добрый день", "ahoj", "dobrý den", "merhaba",
    ]
}
