/// Sample text and function words per language, from which `LanguageDetector` builds its character profiles.
/// The samples are written for this project in the register of support mail.
enum LanguageSamples {
    static let text: [String: String] = [
        "en": """
        Hello, I ordered a jacket last week and it still has not arrived. Could you please tell me where my \
        parcel is and when I can expect it? I would also like to change the delivery address because I will \
        be away. The payment was taken from my card twice, which is not what I agreed to. Thank you for your \
        help, and please let me know what you need from me. We have been customers for years and the service \
        was always good, but this time something went wrong with the invoice and nobody answered my emails.
        """,
        "de": """
        Guten Tag, ich habe letzte Woche eine Jacke bestellt und sie ist immer noch nicht angekommen. Können \
        Sie mir bitte sagen, wo mein Paket ist und wann ich damit rechnen kann? Außerdem möchte ich die \
        Lieferadresse ändern, weil ich verreist bin. Die Zahlung wurde zweimal von meiner Karte abgebucht, \
        das war nicht vereinbart. Vielen Dank für Ihre Hilfe, und geben Sie mir bitte Bescheid, was Sie noch \
        von mir brauchen. Wir sind seit Jahren Kunden und der Service war immer gut, aber diesmal ist bei der \
        Rechnung etwas schiefgelaufen und niemand hat auf meine E-Mails geantwortet.
        """,
        "fr": """
        Bonjour, j'ai commandé une veste la semaine dernière et elle n'est toujours pas arrivée. Pourriez-vous \
        me dire où se trouve mon colis et quand je peux l'attendre ? Je voudrais aussi changer l'adresse de \
        livraison parce que je serai absent. Le paiement a été prélevé deux fois sur ma carte, ce qui n'était \
        pas prévu. Merci pour votre aide, et dites-moi ce dont vous avez besoin de ma part. Nous sommes \
        clients depuis des années et le service a toujours été bon, mais cette fois il y a eu un problème avec \
        la facture et personne n'a répondu à mes messages.
        """,
        "es": """
        Hola, pedí una chaqueta la semana pasada y todavía no ha llegado. ¿Podrían decirme dónde está mi \
        paquete y cuándo puedo esperarlo? También quisiera cambiar la dirección de entrega porque estaré \
        fuera. El pago se cobró dos veces de mi tarjeta, lo cual no es lo que acordamos. Gracias por su \
        ayuda, y por favor díganme qué necesitan de mí. Somos clientes desde hace años y el servicio siempre \
        fue bueno, pero esta vez algo salió mal con la factura y nadie respondió a mis correos.
        """,
        "it": """
        Buongiorno, ho ordinato una giacca la settimana scorsa e non è ancora arrivata. Potreste dirmi dove \
        si trova il mio pacco e quando posso aspettarlo? Vorrei anche cambiare l'indirizzo di consegna perché \
        sarò via. Il pagamento è stato addebitato due volte sulla mia carta, e questo non era previsto. \
        Grazie per il vostro aiuto, e fatemi sapere di cosa avete bisogno da parte mia. Siamo clienti da anni \
        e il servizio è sempre stato buono, ma questa volta qualcosa è andato storto con la fattura e nessuno \
        ha risposto alle mie email.
        """,
        "pt": """
        Olá, encomendei um casaco na semana passada e ainda não chegou. Podem dizer-me onde está a minha \
        encomenda e quando posso esperá-la? Também gostaria de mudar o endereço de entrega porque vou estar \
        fora. O pagamento foi cobrado duas vezes no meu cartão, o que não foi combinado. Obrigado pela vossa \
        ajuda, e digam-me o que precisam de mim. Somos clientes há anos e o serviço sempre foi bom, mas desta \
        vez alguma coisa correu mal com a fatura e ninguém respondeu aos meus emails. Não consigo entrar na \
        minha conta e já tentei várias vezes.
        """,
        "nl": """
        Hallo, ik heb vorige week een jas besteld en die is nog steeds niet aangekomen. Kunt u mij vertellen \
        waar mijn pakket is en wanneer ik het kan verwachten? Ik wil ook het afleveradres wijzigen omdat ik \
        weg ben. De betaling is twee keer van mijn kaart afgeschreven, en dat was niet afgesproken. Bedankt \
        voor uw hulp, en laat mij weten wat u nog van mij nodig heeft. Wij zijn al jaren klant en de service \
        was altijd goed, maar deze keer ging er iets mis met de factuur en niemand heeft op mijn e-mails \
        gereageerd.
        """,
    ]

    static let functionWords: [String: Set<String>] = [
        "en": [
            "the", "and", "is", "are", "was", "to", "of", "in", "it", "my", "i", "you", "your", "have", "has",
            "not", "with", "for", "this", "that", "what", "where", "when", "how", "can", "could", "would",
            "please", "me", "do", "does", "did", "be", "been", "will", "from", "at", "on", "an", "a", "why",
        ],
        "de": [
            "der", "die", "das", "und", "ist", "sind", "ich", "mein", "meine", "nicht", "mit", "für", "wie",
            "wo", "wann", "bitte", "sie", "ihr", "ihre", "habe", "hat", "ein", "eine", "einen", "zu", "von",
            "auf", "noch", "kann", "können", "wurde", "warum", "mir", "mich", "den", "dem", "des", "auch",
        ],
        "fr": [
            "le", "la", "les", "et", "est", "je", "mon", "ma", "mes", "pas", "avec", "pour", "comment", "où",
            "quand", "vous", "votre", "vos", "ai", "un", "une", "de", "du", "des", "ne", "que", "qui", "sur",
            "pourquoi", "moi", "il", "elle", "ce", "cette", "au", "aux", "toujours",
        ],
        "es": [
            "el", "la", "los", "las", "y", "es", "yo", "mi", "mis", "no", "con", "para", "cómo", "dónde",
            "cuándo", "usted", "su", "sus", "he", "un", "una", "de", "del", "que", "por", "qué", "me", "lo",
            "pero", "todavía", "está", "puedo", "quiero", "favor", "hola", "gracias",
        ],
        "it": [
            "il", "lo", "la", "i", "gli", "le", "e", "è", "io", "mio", "mia", "miei", "non", "con", "per",
            "come", "dove", "quando", "voi", "vostro", "ho", "un", "una", "di", "del", "della", "che", "perché",
            "mi", "ancora", "sono", "posso", "grazie", "buongiorno", "ciao", "questo", "questa",
        ],
        "pt": [
            "o", "a", "os", "as", "e", "é", "eu", "meu", "minha", "não", "com", "para", "como", "onde",
            "quando", "você", "vocês", "seu", "sua", "tenho", "um", "uma", "de", "do", "da", "que", "por",
            "porque", "ainda", "está", "posso", "quero", "obrigado", "obrigada", "olá", "na", "no", "em",
        ],
        "nl": [
            "de", "het", "een", "en", "is", "zijn", "ik", "mijn", "niet", "met", "voor", "hoe", "waar",
            "wanneer", "u", "uw", "jij", "je", "heb", "heeft", "van", "op", "nog", "kan", "kunt", "wil",
            "waarom", "mij", "dat", "dit", "er", "maar", "ook", "bedankt", "graag", "alstublieft",
        ],
    ]
}
