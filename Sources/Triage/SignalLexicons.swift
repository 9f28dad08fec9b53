/// The built-in word lists behind the urgency, sentiment and churn signals (English, German, French, Spanish,
/// Italian, Portuguese, Dutch). Weights: how strongly a phrase points to the signal.
enum SignalLexicons {
    /// Harm happening now: weight 3 makes a message critical on its own.
    /// The starts of ``urgency``, ``positive``, ``negative`` and ``churn``, in that order (bits 1, 2, 4, 8).
    static let starts = LexiconStarts([urgency, positive, negative, churn])
    static let urgencyBit: UInt8 = 1
    static let positiveBit: UInt8 = 2
    static let negativeBit: UInt8 = 4
    static let churnBit: UInt8 = 8

    static let urgency = PhraseLexicon(urgencyEntries)
    static let urgencyEntries: [String: Double] = [
        // critical (3)
        "emergency": 3, "fraud": 3, "fraudulent": 3, "hacked": 3, "stolen": 3, "unauthorized": 3,
        "unauthorised": 3, "security breach": 3, "data breach": 3, "outage": 3, "system down": 3,
        "site is down": 3, "website is down": 3, "production down": 3, "identity theft": 3, "scammed": 3,
        "notfall": 3, "betrug": 3, "gehackt": 3, "gestohlen": 3, "urgence": 3, "piraté": 3, "vole": 3,
        "volee": 3, "emergencia": 3, "hackeado": 3, "robada": 3, "robado": 3, "emergenza": 3, "truffa": 3,
        "rubata": 3, "fraude": 3, "noodgeval": 3, "gestolen": 3, "roubado": 3, "roubada": 3,
        // high (2)
        "urgent": 2, "urgently": 2, "asap": 2, "immediately": 2, "right away": 2, "right now": 2,
        "as soon as possible": 2, "critical": 2, "dringend": 2, "sofort": 2, "umgehend": 2,
        "so schnell wie moglich": 2, "immediatement": 2, "au plus vite": 2, "des que possible": 2,
        "urgente": 2, "inmediatamente": 2, "lo antes posible": 2, "cuanto antes": 2, "subito": 2,
        "immediatamente": 2, "il prima possibile": 2, "urgentemente": 2, "imediatamente": 2, "spoed": 2,
        "onmiddellijk": 2, "zo snel mogelijk": 2,
        // medium (1)
        "today": 1, "tonight": 1, "tomorrow": 1, "deadline": 1, "soon": 1, "still waiting": 1,
        "still not": 1, "still haven't": 1, "still havent": 1, "no response": 1, "no reply": 1,
        "second time": 1, "third time": 1, "again": 1, "quickly": 1, "heute": 1, "morgen": 1, "frist": 1,
        "immer noch": 1, "warte noch": 1, "aujourd'hui": 1, "demain": 1, "toujours pas": 1,
        "hoy": 1, "manana": 1, "todavia": 1, "oggi": 1, "domani": 1, "ancora": 1, "hoje": 1, "amanha": 1,
        "vandaag": 1, "nog steeds": 1,
    ]

    /// Positive words (politeness formulas count half: they close angry mail too).
    static let positive = PhraseLexicon(positiveEntries)
    static let positiveEntries: [String: Double] = [
        "thanks": 0.5, "thank you": 0.5, "thx": 0.5, "great": 1, "excellent": 1.5, "love": 1.5, "happy": 1,
        "pleased": 1, "appreciate": 1, "perfect": 1.5, "awesome": 1.5, "helpful": 1, "amazing": 1.5,
        "wonderful": 1.5, "fantastic": 1.5, "satisfied": 1, "good job": 1.5, "well done": 1.5,
        "danke": 0.5, "vielen dank": 0.5, "super": 1, "toll": 1, "zufrieden": 1, "hervorragend": 1.5,
        "merci": 0.5, "genial": 1.5, "parfait": 1.5, "ravi": 1.5, "gracias": 0.5,
        "excelente": 1.5, "encantado": 1.5, "contento": 1, "grazie": 0.5, "ottimo": 1.5, "perfetto": 1.5,
        "obrigado": 0.5, "obrigada": 0.5, "otimo": 1.5, "bedankt": 0.5, "geweldig": 1.5, "tevreden": 1,
    ]

    /// Negative words and phrases.
    static let negative = PhraseLexicon(negativeEntries)
    static let negativeEntries: [String: Double] = [
        "terrible": 2, "awful": 2, "horrible": 2, "angry": 2, "furious": 2.5, "disappointed": 1.5,
        "disappointing": 1.5, "frustrated": 1.5, "frustrating": 1.5, "worst": 2, "useless": 2,
        "ridiculous": 2, "unacceptable": 2, "scam": 2, "annoyed": 1.5, "poor": 1, "bad": 1, "broken": 1,
        "damaged": 1, "never again": 2, "waste": 1.5, "rude": 1.5, "incompetent": 2, "disgusting": 2,
        "pathetic": 2, "upset": 1.5, "complaint": 1, "fed up": 2, "sick of": 2, "joke": 1,
        "thanks for nothing": 2.5, "not happy": 2, "not satisfied": 2, "very unhappy": 2, "unhappy": 1.5,
        "enttauscht": 1.5, "schlecht": 1, "unverschamt": 2, "frechheit": 2, "wutend": 2, "sauer": 1.5,
        "katastrophe": 2, "unzufrieden": 1.5, "beschwerde": 1, "decu": 1.5, "decue": 1.5, "nul": 1.5,
        "inacceptable": 2, "furieux": 2, "inadmissible": 2, "honteux": 2, "mecontent": 1.5, "decepcionado": 1.5,
        "decepcionada": 1.5, "pesimo": 2, "inaceptable": 2, "enfadado": 2, "harto": 2, "queja": 1,
        "deluso": 1.5, "pessimo": 2, "inaccettabile": 2, "arrabbiato": 2, "vergognoso": 2, "pessima": 2,
        "decepcionante": 1.5, "inaceitavel": 2, "teleurgesteld": 1.5, "slecht": 1, "belachelijk": 2,
        "onacceptabel": 2, "boos": 1.5,
    ]

    /// Words that turn the next sentiment word around.
    static let negators: Set<String> = [
        "not", "no", "never", "dont", "didnt", "isnt", "wasnt", "nicht", "kein", "keine", "pas", "jamais",
        "nunca", "non", "nao", "niet", "geen",
    ]

    /// Signs that the customer wants to leave.
    static let churn = PhraseLexicon(churnEntries)
    static let churnEntries: [String: Double] = [
        "cancel my account": 3, "close my account": 3, "delete my account": 3, "cancel my subscription": 3,
        "switch to": 2.5, "switching to": 2.5, "competitor": 2.5, "go elsewhere": 3, "take my business": 3,
        "never order again": 3, "never buy": 3, "last time i": 2, "leaving": 2, "i am done": 2, "im done": 2,
        "not coming back": 3, "won't be back": 3, "wont be back": 3, "unsubscribe": 1, "cancel": 1,
        "refund": 1, "money back": 1.5, "chargeback": 2.5, "lawyer": 2, "legal action": 2.5,
        "kundigen": 3, "kundigung": 3, "konto loschen": 3, "nie wieder": 3, "zur konkurrenz": 3,
        "resilier": 3, "resiliation": 3, "supprimer mon compte": 3, "plus jamais": 3, "chez un concurrent": 3,
        "la concurrence": 2.5,
        "darme de baja": 3, "cancelar mi cuenta": 3, "eliminar mi cuenta": 3, "nunca mas": 3, "competencia": 2.5,
        "disdire": 3, "disdetta": 3, "mai piu": 3, "cancelar minha conta": 3, "nunca mais": 3,
        "opzeggen": 3, "nooit meer": 3,
    ]
}
