import Crypto

/// Signs ticket public ids with HMAC-SHA256 keyed by the configured secret (`tokens.secret`), so that mail
/// can carry a short token that only this installation could have produced.
///
/// A ticket token is the canonical public id, a dot and a truncated MAC: `MR-7K4QX2.3KZ0T9QW1M`. It uses
/// only `A-Z`, `0-9`, `-` and `.`, so it fits in a URL, in the local part of an address and in a
/// Message-ID, and it survives systems that change the case of a local part (verification ignores case).
/// The MAC is the first ``macLength`` symbols (50 bits) of the HMAC in Crockford base32; it is compared in
/// constant time, and a MAC of any other length never verifies.
///
/// Each use has its own domain-separation label, so a ticket token cannot be replayed as a Message-ID MAC
/// and the other way round. Old secrets can be kept in `previousSecrets` while mail signed with them is
/// still answered: they verify but never sign.
public struct TokenSigner: Sendable {
    /// The shortest secret accepted, in bytes.
    public static let minimumSecretLength = 16
    /// The number of base32 symbols of a MAC (5 bits each).
    public static let macLength = 10

    /// What a MAC is for; part of the signed input.
    enum Purpose: String, Sendable {
        case ticketToken = "mailroom.ticket-token.v1"
        case messageID = "mailroom.message-id.v1"
        case agentAddress = "mailroom.agent-address.v1"
        case feedback = "mailroom.feedback.v1"
    }

    /// An HMAC keyed with one secret (its two padded key blocks already hashed), copied for each MAC: keying
    /// hashed two of the four blocks of every MAC (72 M of 143 M instructions per 1,000 mails). A copy shares
    /// the hash states until it is updated, and swift-crypto's digests copy their state then (copy on write), so
    /// the stored value is never changed and copies of it may be taken on any thread.
    private struct Keyed: @unchecked Sendable {
        let hmac: HMAC<SHA256>
    }

    /// The secrets, current first, keyed.
    private let keyed: [Keyed]

    /// Creates a signer from the current secret and any previous secrets that should still verify.
    /// - Throws: ``InvalidInputError/secret`` when a secret is shorter than ``minimumSecretLength`` bytes.
    public init(secret: [UInt8], previousSecrets: [[UInt8]] = []) throws(InvalidInputError) {
        let all = [secret] + previousSecrets
        guard all.allSatisfy({ $0.count >= Self.minimumSecretLength }) else { throw .secret }
        keyed = all.map { Keyed(hmac: HMAC<SHA256>(key: SymmetricKey(data: $0))) }
    }

    /// Creates a signer from secrets given as text (their UTF-8 bytes are the keys).
    /// - Throws: ``InvalidInputError/secret`` when a secret is shorter than ``minimumSecretLength`` bytes.
    public init(secret: String, previousSecrets: [String] = []) throws(InvalidInputError) {
        try self.init(secret: Array(secret.utf8), previousSecrets: previousSecrets.map { Array($0.utf8) })
    }

    /// The signed token for a ticket: `PUBLICID.MAC`, e.g. `MR-7K4QX2.3KZ0T9QW1M`.
    /// - Throws: ``InvalidInputError/publicID`` when `publicID` is not letters, digits and inner hyphens
    ///   (at most 32).
    public func token(for publicID: String) throws(InvalidInputError) -> String {
        guard let id = PublicID.canonical(publicID) else { throw .publicID }
        return id + "." + mac(.ticketToken, id)
    }

    /// The canonical public id in `token` when its MAC is valid (any case), or nil for anything else:
    /// a wrong, truncated or over-long MAC, a malformed id, or extra characters.
    public func publicID(fromToken token: some StringProtocol) -> String? {
        guard let dot = token.lastIndex(of: ".") else { return nil }
        guard let id = PublicID.canonical(token[..<dot]) else { return nil }
        let mac = token[token.index(after: dot)...].uppercased()
        return isValid(mac: mac, .ticketToken, id) ? id : nil
    }

    /// The signed token of an agents' reply address: `PUBLICID.SCOPE.MAC`, e.g. `MR-7K4QX2.A.3KZ0T9QW1M`. Its
    /// MAC has its own purpose, so a customer's ticket token never verifies as an agent token.
    /// - Throws: ``InvalidInputError/publicID``.
    public func agentToken(for publicID: String, scope: AgentScope) throws(InvalidInputError) -> String {
        guard let id = PublicID.canonical(publicID) else { throw .publicID }
        let signed = id + "." + scope.rawValue
        return signed + "." + mac(.agentAddress, signed)
    }

    /// The ticket and scope in an agent token when its MAC is valid (any case), or nil.
    public func agentTarget(fromToken token: some StringProtocol) -> AgentTarget? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let id = PublicID.canonical(parts[0]),
            let scope = AgentScope(rawValue: parts[1].uppercased())
        else { return nil }
        let signed = id + "." + scope.rawValue
        return isValid(mac: parts[2].uppercased(), .agentAddress, signed)
            ? AgentTarget(publicID: id, scope: scope) : nil
    }

    /// The signed token of a feedback link in one of our mails: `PUBLICID.NONCE.MAC`; the nonce tells the mails
    /// of a ticket apart.
    /// - Throws: ``InvalidInputError/publicID`` or ``InvalidInputError/random``.
    public func feedbackToken(for publicID: String, nonce: String) throws(InvalidInputError) -> String {
        guard let id = PublicID.canonical(publicID) else { throw .publicID }
        guard !nonce.isEmpty, nonce.utf8.count <= 32, nonce.utf8.allSatisfy(PublicID.isIDByteAnyCase),
            !nonce.contains("-")
        else { throw .random }
        let signed = id + "." + nonce.uppercased()
        return signed + "." + mac(.feedback, signed)
    }

    /// The ticket and nonce of a feedback token with a valid MAC, or nil.
    public func feedbackTarget(fromToken token: some StringProtocol) -> (publicID: String, nonce: String)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let id = PublicID.canonical(parts[0]), !parts[1].isEmpty, parts[1].count <= 32,
            parts[1].utf8.allSatisfy(PublicID.isIDByteAnyCase)
        else { return nil }
        let signed = id + "." + parts[1].uppercased()
        return isValid(mac: parts[2].uppercased(), .feedback, signed) ? (id, parts[1].uppercased()) : nil
    }

    /// The MAC of `message` for `purpose`, made with the current secret.
    func mac(_ purpose: Purpose, _ message: String) -> String {
        mac(purpose, message, keyed: keyed[0])
    }

    /// Whether `mac` (canonical upper case) is the MAC of `message` for `purpose` under any configured
    /// secret. Constant time in the MAC's content for a given length.
    func isValid(mac: String, _ purpose: Purpose, _ message: String) -> Bool {
        let given = Array(mac.utf8)
        guard given.count == Self.macLength else { return false }
        var valid = false
        for secret in keyed {
            let expected = Array(self.mac(purpose, message, keyed: secret).utf8)
            var difference: UInt8 = 0
            for index in 0..<given.count { difference |= given[index] ^ expected[index] }
            valid = valid || difference == 0
        }
        return valid
    }

    private func mac(_ purpose: Purpose, _ message: String, keyed: Keyed) -> String {
        var input = Array(purpose.rawValue.utf8)
        input.append(0)
        input.append(contentsOf: message.utf8)
        var hmac = keyed.hmac
        hmac.update(data: input)
        return Base32.encode(hmac.finalize(), count: Self.macLength)
    }
}
