extension FollowUpIntent {
    /// The phrase lists, written naturally and normalised once.
    enum Phrases {
        /// "The answer did not help" phrases per language.
        static let negative = build([
            "en": [
                "didn't help", "did not help", "doesn't help", "does not help", "hasn't helped", "has not helped",
                "not helpful", "didn't work", "did not work", "doesn't work", "does not work", "still not working",
                "still doesn't work", "still does not work", "still isn't working", "still is not working",
                "still not fixed", "still broken", "still the same", "same problem again", "problem persists",
                "issue persists", "didn't solve", "did not solve", "doesn't solve", "does not solve",
                "hasn't solved", "didn't fix", "did not fix", "doesn't fix", "didn't resolve", "did not resolve",
                "doesn't resolve", "not resolved", "not been resolved", "not solved", "not fixed",
                "I already tried", "I've already tried", "I have already tried", "already tried that",
                "already did that", "not what I asked", "doesn't answer my question", "didn't answer my question",
                "does not answer my question", "did not answer my question", "nothing helped", "nothing worked",
                "none of that helped", "none of this helped", "none of it helped", "none of that worked",
            ],
            "de": [
                "nicht geholfen", "nicht weitergeholfen", "hilft nicht", "hilft mir nicht", "hilft leider nicht",
                "funktioniert nicht", "funktioniert immer noch nicht", "funktioniert noch immer nicht",
                "funktioniert weiterhin nicht", "funktioniert nach wie vor nicht", "geht immer noch nicht",
                "geht noch immer nicht", "klappt nicht", "klappt immer noch nicht", "nicht gelöst", "nicht behoben",
                "löst das Problem nicht", "löst mein Problem nicht", "habe ich schon versucht",
                "habe ich bereits versucht", "habe ich schon probiert", "hab ich schon probiert",
                "schon ausprobiert", "bereits ausprobiert", "schon versucht", "bereits versucht",
                "Problem besteht weiterhin", "Problem besteht immer noch", "immer noch dasselbe Problem",
                "immer noch das gleiche Problem", "beantwortet meine Frage nicht",
            ],
            "fr": [
                "n'a pas aidé", "ne m'a pas aidé", "n'aide pas", "ne m'aide pas", "ne marche pas",
                "ne marche toujours pas", "ne fonctionne pas", "ne fonctionne toujours pas", "pas résolu",
                "n'a pas résolu", "ne résout pas", "n'a rien résolu", "n'a rien changé", "j'ai déjà essayé",
                "déjà essayé", "le problème persiste", "toujours le même problème", "ne répond pas à ma question",
            ],
            "es": [
                "no ha ayudado", "no me ha ayudado", "no ayudó", "no me ayudó", "no me sirvió", "no sirvió",
                "no ha servido", "no funciona", "sigue sin funcionar", "todavía no funciona", "aún no funciona",
                "sigue sin resolverse", "no está resuelto", "no se ha resuelto", "no se resolvió", "no resuelve",
                "no soluciona", "no ha solucionado", "no solucionó", "ya lo intenté", "ya lo he intentado",
                "ya probé", "ya lo probé", "ya intenté", "el problema persiste", "sigo con el mismo problema",
                "no responde a mi pregunta",
            ],
            "it": [
                "non ha aiutato", "non mi ha aiutato", "non è servito", "non funziona", "non funziona ancora",
                "ancora non funziona", "continua a non funzionare", "non è risolto", "non è stato risolto",
                "non ha risolto", "non risolve", "ho già provato", "già provato", "il problema persiste",
                "ancora lo stesso problema", "non risponde alla mia domanda",
            ],
            "pt": [
                "não ajudou", "não me ajudou", "não resolveu", "não resolve", "não funciona", "ainda não funciona",
                "continua sem funcionar", "continua não funcionando", "não está resolvido", "não foi resolvido",
                "não se resolveu", "já tentei", "eu já tentei", "já fiz isso", "o problema persiste",
                "o problema continua", "não responde à minha pergunta",
            ],
            "nl": [
                "heeft niet geholpen", "hielp niet", "helpt niet", "werkt niet", "werkt nog steeds niet",
                "werkt nog altijd niet", "niet opgelost", "lost het probleem niet op", "heb ik al geprobeerd",
                "al geprobeerd", "heb ik al gedaan", "het probleem blijft", "probleem blijft bestaan",
                "nog steeds hetzelfde probleem", "beantwoordt mijn vraag niet",
            ],
        ])

        /// "It helped / it works now" phrases: when one is present (not negated), nothing is reported.
        static let positive = build([
            "en": [
                "that helped", "this helped", "it helped", "helped a lot", "very helpful", "was helpful",
                "that worked", "this worked", "it worked", "works now", "working now", "it works", "solved it",
                "solved the problem", "solved my problem", "fixed it", "problem solved", "issue solved",
                "problem resolved", "issue resolved", "all sorted",
            ],
            "de": [
                "hat geholfen", "hat mir geholfen", "hat sehr geholfen", "hat funktioniert", "funktioniert jetzt",
                "funktioniert wieder", "geht jetzt", "klappt jetzt", "hat geklappt", "Problem gelöst", "ist gelöst",
                "hat sich erledigt",
            ],
            "fr": [
                "ça a marché", "ça marche maintenant", "fonctionne maintenant", "ça m'a aidé", "ça a aidé",
                "problème résolu", "c'est résolu", "c'est réglé",
            ],
            "es": [
                "me ayudó", "me ha ayudado", "funcionó", "ya funciona", "ahora funciona", "problema resuelto",
                "está resuelto", "solucionado", "me sirvió",
            ],
            "it": ["mi ha aiutato", "ha funzionato", "ora funziona", "adesso funziona", "funziona ora", "risolto"],
            "pt": [
                "me ajudou", "ajudou", "funcionou", "agora funciona", "resolveu", "problema resolvido",
                "está resolvido",
            ],
            "nl": ["heeft geholpen", "dat hielp", "werkt nu", "het werkt", "werkt weer", "opgelost"],
        ])

        /// Words that turn a following "it helped" phrase around (normalised).
        static let negators: Set<String> = Set(
            """
            not no non nao niet nicht pas ne never nie nunca jamais kein keine keinen geen none nothing nada rien
            niente nulla neither nor nem didnt doesnt hasnt havent wasnt isnt dont hadnt wont cant couldnt nobody
            niemand ninguno nessuno nenhum
            """.split(whereSeparator: \.isWhitespace).map(String.init))

        /// Words that make a following "did not help" phrase a condition (normalised).
        static let conditionals: Set<String> = [
            "if", "unless", "case", "wenn", "falls", "ob", "si", "se", "als", "indien", "caso",
        ]

        private static func build(_ lists: [String: [String]]) -> [Phrase] {
            lists.sorted { $0.key < $1.key }.flatMap { language, texts in
                texts.map { Phrase(text: $0, language: language, words: FollowUpIntent.words($0)) }
            }
        }
    }
}
