import Testing

@testable import MailroomCore

@Suite struct FollowUpIntentTests {
    /// Follow-ups that say the answer did not help, with the phrase and language that must be reported.
    @Test(arguments: [
        ("Thanks for the quick answer, but that didn't help.", "didn't help", "en"),
        ("That did not help at all", "did not help", "en"),
        ("I restarted it like you said and it's still not working", "still not working", "en"),
        ("Still doesnt work", "still doesn't work", "en"),
        ("Hi, your answer doesn’t solve my problem.", "doesn't solve", "en"),
        ("The refund issue is not resolved.", "not resolved", "en"),
        ("I already tried resetting the password twice.", "I already tried", "en"),
        ("I've already tried that, the link is broken.", "I've already tried", "en"),
        ("You didn't answer my question", "didn't answer my question", "en"),
        ("Nothing helped so far", "nothing helped", "en"),
        ("None of that helped!", "none of that helped", "en"),
        ("Das hat leider nicht geholfen.", "nicht geholfen", "de"),
        ("Es funktioniert immer noch nicht", "funktioniert immer noch nicht", "de"),
        ("Habe ich schon versucht, ohne Erfolg", "habe ich schon versucht", "de"),
        ("Das Problem besteht weiterhin.", "Problem besteht weiterhin", "de"),
        ("Ça n'a pas aidé du tout", "n'a pas aidé", "fr"),
        ("Ca ne marche toujours pas", "ne marche toujours pas", "fr"),
        ("J'ai déjà essayé de vider le cache", "j'ai déjà essayé", "fr"),
        ("Le problème persiste malgré votre réponse", "le problème persiste", "fr"),
        ("Gracias, pero no me ayudó", "no me ayudó", "es"),
        ("Sigue sin funcionar", "sigue sin funcionar", "es"),
        ("Ya lo intenté y nada", "ya lo intenté", "es"),
        ("Purtroppo non mi ha aiutato", "non mi ha aiutato", "it"),
        ("Ho già provato a reinstallare", "ho già provato", "it"),
        ("Continua a non funzionare", "continua a non funzionare", "it"),
        ("Infelizmente não ajudou", "não ajudou", "pt"),
        ("Nao resolveu o meu problema", "não resolveu", "pt"),
        ("Já tentei isso ontem", "já tentei", "pt"),
        ("Dat heeft niet geholpen", "heeft niet geholpen", "nl"),
        ("Het werkt nog steeds niet", "werkt nog steeds niet", "nl"),
        ("Heb ik al geprobeerd", "heb ik al geprobeerd", "nl"),
        ("Hello,\n\nstill broken.\n\n> On Monday you wrote:\n> Thanks, that helped others", "still broken", "en"),
    ])
    func detects(text: String, phrase: String, language: String) {
        #expect(FollowUpIntent.detect(in: text) == FollowUpIntent.Evidence(phrase: phrase, language: language))
    }

    /// Texts that must not trigger it: thanks, success, conditions, unrelated negations, look-alike words.
    @Test(arguments: [
        "Thanks, that helped!",
        "Thank you so much, it works now.",
        "Problem solved, thanks a lot",
        "That worked, cheers. It didn't help at first because I used the old link.",
        "If this doesn't help, I'll call you tomorrow.",
        "In case it doesn't work I will write again",
        "Danke, das hat geholfen!",
        "Vielen Dank, funktioniert jetzt.",
        "Wenn das nicht hilft, melde ich mich.",
        "Merci, ça a marché !",
        "Si ça ne marche pas, je reviendrai vers vous.",
        "Muchas gracias, ya funciona.",
        "Si no funciona, os escribo.",
        "Grazie, ha funzionato!",
        "Se non funziona vi riscrivo",
        "Obrigado, funcionou!",
        "Bedankt, het werkt nu.",
        "Als het niet werkt laat ik het weten",
        "Thanks for the help, I have a new question about invoices.",
        "Could you tell me when it ships?",
        "My helpful neighbour took the parcel.",
        "",
        "> that didn't help\n> still not working",
    ])
    func ignores(text: String) {
        #expect(FollowUpIntent.detect(in: text) == nil)
    }

    @Test func negatedSuccessIsNotSuccess() {
        #expect(FollowUpIntent.detect(in: "None of that helped, it didn't work")?.phrase == "none of that helped")
        #expect(FollowUpIntent.detect(in: "No, it's not working now either. Still broken.")?.phrase == "still broken")
        #expect(
            FollowUpIntent.detect(in: "Il problema non è ancora stato risolto. Non funziona")?.phrase == "non funziona")
    }

    @Test func clausesDoNotJoinAcrossSentences() {
        #expect(FollowUpIntent.detect(in: "It didn't. Help me please") == nil)
        #expect(FollowUpIntent.words("Ça n’a PAS aidé") == ["ca", "na", "pas", "aide"])
    }
}

@Suite struct FollowUpConfirmationTests {
    @Test(arguments: [
        "Thanks, that worked!", "Danke, funktioniert jetzt.", "Merci, c'est réglé", "thank you so much",
        "Perfect, problem solved. Thanks!", "Gracias!",
    ])
    func confirmations(_ text: String) {
        #expect(FollowUpIntent.confirmsItHelped(text))
    }

    @Test(arguments: [
        "Thanks, but it still does not work.", "That didn't help.",
        "Thanks for the answer. Another question: can I also change the delivery address of my second order "
            + "which was placed yesterday evening?",
        "Where is my invoice?", "",
    ])
    func notConfirmations(_ text: String) {
        #expect(!FollowUpIntent.confirmsItHelped(text))
    }
}
