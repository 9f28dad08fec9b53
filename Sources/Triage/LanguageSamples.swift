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
        I cannot log in to my account since yesterday and the reset link does not work. Please cancel the \
        subscription and refund the amount, the price on the bill is wrong. Is it possible to speak to \
        someone who can help me with this problem?
        The shoes I returned were the wrong size and the new pair is too small as well. How long does it \
        take until the money is back on my account? I would be grateful for a quick answer, because the \
        receipt says something different.
        """,
        "de": """
        Guten Tag, ich habe letzte Woche eine Jacke bestellt und sie ist immer noch nicht angekommen. Können \
        Sie mir bitte sagen, wo mein Paket ist und wann ich damit rechnen kann? Außerdem möchte ich die \
        Lieferadresse ändern, weil ich verreist bin. Die Zahlung wurde zweimal von meiner Karte abgebucht, \
        das war nicht vereinbart. Vielen Dank für Ihre Hilfe, und geben Sie mir bitte Bescheid, was Sie noch \
        von mir brauchen. Wir sind seit Jahren Kunden und der Service war immer gut, aber diesmal ist bei der \
        Rechnung etwas schiefgelaufen und niemand hat auf meine E-Mails geantwortet.
        Seit gestern kann ich mich nicht mehr in mein Konto einloggen und der Link zum Zurücksetzen \
        funktioniert nicht. Bitte kündigen Sie das Abonnement und erstatten Sie den Betrag, der Preis auf \
        der Rechnung ist falsch. Ist es möglich, mit jemandem zu sprechen, der mir bei diesem Problem helfen \
        kann?
        Die Schuhe, die ich zurückgeschickt habe, hatten die falsche Größe, und das neue Paar ist auch zu \
        klein. Wie lange dauert es, bis das Geld wieder auf meinem Konto ist? Ich wäre für eine schnelle \
        Antwort dankbar, denn auf dem Beleg steht etwas anderes.
        """,
        "fr": """
        Bonjour, j'ai commandé une veste la semaine dernière et elle n'est toujours pas arrivée. Pourriez-vous \
        me dire où se trouve mon colis et quand je peux l'attendre ? Je voudrais aussi changer l'adresse de \
        livraison parce que je serai absent. Le paiement a été prélevé deux fois sur ma carte, ce qui n'était \
        pas prévu. Merci pour votre aide, et dites-moi ce dont vous avez besoin de ma part. Nous sommes \
        clients depuis des années et le service a toujours été bon, mais cette fois il y a eu un problème avec \
        la facture et personne n'a répondu à mes messages.
        Depuis hier je ne peux plus me connecter à mon compte et le lien de réinitialisation ne fonctionne \
        pas. Merci d'annuler l'abonnement et de rembourser le montant, le prix sur la facture est faux. Est- \
        il possible de parler à quelqu'un qui peut m'aider avec ce problème ?
        Les chaussures que j'ai renvoyées n'étaient pas à la bonne taille et la nouvelle paire est trop \
        petite elle aussi. Combien de temps faut-il pour que l'argent revienne sur mon compte ? Je vous \
        serais reconnaissant d'une réponse rapide, car le reçu indique autre chose.
        """,
        "es": """
        Hola, pedí una chaqueta la semana pasada y todavía no ha llegado. ¿Podrían decirme dónde está mi \
        paquete y cuándo puedo esperarlo? También quisiera cambiar la dirección de entrega porque estaré \
        fuera. El pago se cobró dos veces de mi tarjeta, lo cual no es lo que acordamos. Gracias por su \
        ayuda, y por favor díganme qué necesitan de mí. Somos clientes desde hace años y el servicio siempre \
        fue bueno, pero esta vez algo salió mal con la factura y nadie respondió a mis correos.
        Desde ayer no puedo entrar en mi cuenta y el enlace para restablecer la contraseña no funciona. Por \
        favor, cancelen la suscripción y devuelvan el importe, el precio en la factura es incorrecto. ¿Es \
        posible hablar con alguien que pueda ayudarme con este problema?
        Los zapatos que devolví eran de la talla equivocada y el nuevo par también es demasiado pequeño. \
        ¿Cuánto tiempo tarda en volver el dinero a mi cuenta? Les agradecería una respuesta rápida, porque \
        el recibo dice otra cosa.
        """,
        "it": """
        Buongiorno, ho ordinato una giacca la settimana scorsa e non è ancora arrivata. Potreste dirmi dove \
        si trova il mio pacco e quando posso aspettarlo? Vorrei anche cambiare l'indirizzo di consegna perché \
        sarò via. Il pagamento è stato addebitato due volte sulla mia carta, e questo non era previsto. \
        Grazie per il vostro aiuto, e fatemi sapere di cosa avete bisogno da parte mia. Siamo clienti da anni \
        e il servizio è sempre stato buono, ma questa volta qualcosa è andato storto con la fattura e nessuno \
        ha risposto alle mie email.
        Da ieri non riesco più ad accedere al mio account e il link per reimpostare la password non \
        funziona. Per favore annullate l'abbonamento e rimborsate l'importo, il prezzo sulla fattura è \
        sbagliato. È possibile parlare con qualcuno che possa aiutarmi con questo problema?
        Le scarpe che ho restituito erano della taglia sbagliata e anche il nuovo paio è troppo piccolo. \
        Quanto tempo ci vuole perché i soldi tornino sul mio conto? Vi sarei grato per una risposta veloce, \
        perché la ricevuta dice un'altra cosa.
        """,
        "pt": """
        Olá, encomendei um casaco na semana passada e ainda não chegou. Podem dizer-me onde está a minha \
        encomenda e quando posso esperá-la? Também gostaria de mudar o endereço de entrega porque vou estar \
        fora. O pagamento foi cobrado duas vezes no meu cartão, o que não foi combinado. Obrigado pela vossa \
        ajuda, e digam-me o que precisam de mim. Somos clientes há anos e o serviço sempre foi bom, mas desta \
        vez alguma coisa correu mal com a fatura e ninguém respondeu aos meus emails. Não consigo entrar na \
        minha conta e já tentei várias vezes.
        Desde ontem não consigo entrar na minha conta e o link para redefinir a palavra-passe não funciona. \
        Por favor cancelem a assinatura e devolvam o valor, o preço na fatura está errado. É possível falar \
        com alguém que me possa ajudar com este problema?
        Os sapatos que devolvi eram do tamanho errado e o novo par também é demasiado pequeno. Quanto tempo \
        demora até o dinheiro voltar à minha conta? Agradecia uma resposta rápida, porque o recibo diz outra \
        coisa.
        """,
        "nl": """
        Hallo, ik heb vorige week een jas besteld en die is nog steeds niet aangekomen. Kunt u mij vertellen \
        waar mijn pakket is en wanneer ik het kan verwachten? Ik wil ook het afleveradres wijzigen omdat ik \
        weg ben. De betaling is twee keer van mijn kaart afgeschreven, en dat was niet afgesproken. Bedankt \
        voor uw hulp, en laat mij weten wat u nog van mij nodig heeft. Wij zijn al jaren klant en de service \
        was altijd goed, maar deze keer ging er iets mis met de factuur en niemand heeft op mijn e-mails \
        gereageerd.
        Sinds gisteren kan ik niet meer inloggen op mijn account en de link om het wachtwoord te herstellen \
        werkt niet. Zeg alstublieft het abonnement op en betaal het bedrag terug, de prijs op de factuur \
        klopt niet. Is het mogelijk om iemand te spreken die mij met dit probleem kan helpen?
        De schoenen die ik heb teruggestuurd hadden de verkeerde maat en het nieuwe paar is ook te klein. \
        Hoe lang duurt het voordat het geld weer op mijn rekening staat? Ik zou een snel antwoord op prijs \
        stellen, want op de bon staat iets anders.
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
