/// New ticket ids: `MR-` and six characters from an alphabet without look-alikes (no 0/O, 1/I/L, U).
enum PublicIDGenerator {
    private static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")

    static func make<R: RandomNumberGenerator>(using random: inout R) -> String {
        "MR-" + String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }

    /// A random token for Message-IDs: 16 letters and digits.
    static func token<R: RandomNumberGenerator>(using random: inout R) -> String {
        let characters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<16).map { _ in characters[Int.random(in: 0..<characters.count, using: &random)] })
    }
}
