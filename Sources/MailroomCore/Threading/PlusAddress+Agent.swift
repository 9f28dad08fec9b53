import MailMessage

extension PlusAddress {
    /// The agents' reply address for ticket `publicID`: `support+MR-7K4QX2.A.3KZ0T9QW1M@domain`. It is the
    /// Reply-To of mail to the agents only and never appears in mail to a customer; an agent's answer is relayed
    /// only when it comes through it (and the sender is authenticated).
    /// - Throws: ``InvalidInputError/publicID``.
    public func agentAddress(for publicID: String, scope: AgentScope) throws(InvalidInputError) -> String {
        "\(localPart)\(separator)\(try signer.agentToken(for: publicID, scope: scope))@\(domain)"
    }

    /// The target when `address` (bare or in angle brackets) is an agents' reply address with a valid token.
    public func agentTarget(inAddress address: String) -> AgentTarget? {
        guard let extensionPart = subaddress(of: address) else { return nil }
        return signer.agentTarget(fromToken: extensionPart)
    }

    /// Every agents' reply address with a valid token among the envelope recipient and ``recipientFields``, in
    /// search order, without duplicates.
    public func agentTargets(in message: Message, envelopeRecipient: String?) -> [AgentTarget] {
        var found: [AgentTarget] = []
        for address in recipientCandidates(in: message, envelopeRecipient: envelopeRecipient) {
            if let target = agentTarget(inAddress: address), !found.contains(target) { found.append(target) }
        }
        return found
    }

    /// Whether `address` is the support address itself or any sub-address of it (ours, whatever the token).
    public func isOwnAddress(_ address: String) -> Bool {
        let bare = address.removingWhitespace(angleBrackets: true).lowercased()
        guard let at = bare.lastIndex(of: "@"), bare[bare.index(after: at)...] == domain else { return false }
        let local = bare[..<at]
        return local == localPart.lowercased() || local.hasPrefix(localPart.lowercased() + String(separator))
    }
}
