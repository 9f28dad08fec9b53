/// The words of a text, for the word-shaped checks of ``PersonalDataScreen``.
struct PersonalDataWords {
    typealias Finding = PersonalDataScreen.Finding

    /// The words, without surrounding punctuation.
    let words: [Substring]

    init(_ text: String) {
        let punctuation: Set<Character> = [",", ";", ":", "(", ")", "[", "]", "<", ">", "\"", "'", "!", "?", "*"]
        words = text.split(whereSeparator: \.isWhitespace).map { word in
            var word = word
            while let first = word.first, punctuation.contains(first) { word = word.dropFirst() }
            while let last = word.last, punctuation.contains(last) || last == "." { word = word.dropLast() }
            return word
        }.filter { !$0.isEmpty }
    }

    /// `local@domain.tld`.
    func emails() -> [Finding] {
        words.filter { word in
            guard let at = word.firstIndex(of: "@"), at != word.startIndex else { return false }
            return word[word.index(after: at)...].contains(".")
        }.map { Finding(kind: .emailAddress, excerpt: PersonalDataScreen.mask($0)) }
    }

    /// Two letters, two check digits and 11-30 letters or digits (groups of four allowed), valid mod 97.
    func ibans() -> [Finding] {
        var found: [Finding] = []
        for start in words.indices where words[start].count >= 4 {
            var candidate = ""
            for word in words[start..<min(start + 9, words.count)] {
                guard word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { break }
                candidate += word.uppercased()
                if candidate.count >= 15, candidate.count <= 34, Self.isIBAN(candidate) {
                    found.append(Finding(kind: .iban, excerpt: PersonalDataScreen.mask(candidate)))
                    break
                }
            }
        }
        return found
    }

    static func isIBAN(_ value: String) -> Bool {
        let characters = Array(value)
        guard characters.count >= 15, characters[0].isLetter, characters[1].isLetter, characters[2].isNumber,
            characters[3].isNumber
        else { return false }
        var remainder = 0
        for character in characters[4...] + characters[..<4] {
            guard let digit = character.wholeNumberValue ?? character.asciiValue.map({ Int($0) - 55 }) else {
                return false
            }
            for part in digit >= 10 ? [digit / 10, digit % 10] : [digit] { remainder = (remainder * 10 + part) % 97 }
        }
        return remainder == 1
    }

    /// A house number next to a street word (`12 Baker Street`, `Hauptstraße 5`, `rue de la Paix 3`), a
    /// postcode before a capitalised place (`10115 Berlin`), or a UK postcode (`SW1A 1AA`).
    func postalAddresses() -> [Finding] {
        var found: [Finding] = []
        for index in words.indices {
            let word = words[index].lowercased()
            let capitalised = words[index].first?.isUppercase == true
            let isStreet =
                (Self.streetWords.contains(word) && (capitalised || Self.lowercaseStreetWords.contains(word)))
                || Self.streetSuffixes.contains { word.hasSuffix($0) && word.count > $0.count + 2 }
            if isStreet, let number = nearbyHouseNumber(index) {
                found.append(
                    Finding(kind: .postalAddress, excerpt: PersonalDataScreen.mask("\(words[index]) \(number)")))
            }
            if words[index].count == 5, words[index].allSatisfy(\.isNumber), index + 1 < words.count,
                words[index + 1].first?.isUppercase == true, words[index + 1].count >= 3,
                !Self.notPlaces.contains(words[index + 1].lowercased())
            {
                found.append(
                    Finding(
                        kind: .postalAddress, excerpt: PersonalDataScreen.mask("\(words[index]) \(words[index + 1])")))
            }
            if index + 1 < words.count, Self.isUKPostcode(words[index], words[index + 1]) {
                found.append(
                    Finding(
                        kind: .postalAddress, excerpt: PersonalDataScreen.mask("\(words[index]) \(words[index + 1])")))
            }
        }
        return found
    }

    private func nearbyHouseNumber(_ index: Int) -> Substring? {
        for offset in [-3, -2, -1, 1, 2] where words.indices.contains(index + offset) {
            let word = words[index + offset]
            if let first = word.first, first.isNumber, word.count <= 5, word.prefix(while: \.isNumber).count <= 4 {
                return word
            }
        }
        return nil
    }

    static func isUKPostcode(_ outward: Substring, _ inward: Substring) -> Bool {
        let outward = Array(outward.uppercased())
        let inward = Array(inward.uppercased())
        guard (2...4).contains(outward.count), inward.count == 3, outward[0].isLetter,
            outward.contains(where: \.isNumber)
        else { return false }
        guard outward.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        return inward[0].isNumber && inward[1].isLetter && inward[2].isLetter && inward.allSatisfy(\.isASCII)
    }

    /// The original customer's name parts (three letters or more) and the local part of their address, as words.
    func names(_ customerName: String?, email: String?) -> [Finding] {
        var parts = Set(
            (customerName ?? "").split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 3 }.map {
                $0.lowercased()
            })
        parts.subtract(Self.notNames)
        var found = words.filter { parts.contains($0.lowercased()) }.map {
            Finding(kind: .customerName, excerpt: PersonalDataScreen.mask($0))
        }
        if let local = email?.split(separator: "@").first, local.count >= 3,
            words.contains(where: { $0.lowercased().contains(local.lowercased()) })
        {
            found.append(Finding(kind: .customerName, excerpt: PersonalDataScreen.mask(local)))
        }
        return found
    }

    static let streetWords: Set<String> = [
        "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "dr", "boulevard", "blvd", "way", "close",
        "court", "place", "square", "strasse", "straße", "str", "weg", "platz", "gasse", "allee", "ring", "rue",
        "chemin",
        "calle", "avenida", "plaza", "via", "viale", "piazza", "rua", "straat", "laan", "plein",
    ]
    /// Street words written in lower case before the name (`12 rue de la Paix`, `calle Mayor 3`).
    static let lowercaseStreetWords: Set<String> = [
        "rue", "chemin", "calle", "avenida", "plaza", "via", "viale", "piazza", "rua", "avenue",
    ]
    static let streetSuffixes = ["straße", "strasse", "str.", "weg", "platz", "gasse", "allee", "straat", "laan"]
    static let notPlaces: Set<String> = ["days", "tage", "jours", "días", "euro", "eur", "usd", "items", "orders"]
    static let notNames: Set<String> = ["mr", "mrs", "ms", "dr", "von", "van", "der", "den", "de", "la", "le"]
}
