extension AuthenticationVerdict {
    /// Why the trusted field does not prove that mail with a From address at `domain` comes from that domain,
    /// or nil when it does: exactly one field from the trusted server, and in it `dmarc=pass` (with a
    /// `header.from` of `domain`, when given) or `dkim=pass` with a `header.d` aligned with `domain` (the same
    /// domain, or a parent or child of it with at least two labels: DMARC's relaxed alignment without a public
    /// suffix list). `none`, `temperror`, `softfail`, `neutral`, an SPF pass alone and any other keyword are
    /// not a pass.
    public func alignedPassProblem(forDomain domain: String) -> String? {
        let domain = domain.lowercased()
        guard let trusted else { return "no Authentication-Results from the trusted receiving server" }
        guard trustedFieldCount == 1 else {
            return "\(trustedFieldCount) Authentication-Results fields claim to come from \(trusted.authservID); "
                + "the receiving server must remove copies sent with the mail"
        }
        if let dmarc = trusted.result(for: "dmarc"), dmarc.result == "pass" {
            let headerFrom = dmarc.properties["header.from"]?.lowercased()
            if headerFrom == nil || headerFrom == domain { return nil }
        }
        let dkimAligned = trusted.results(for: "dkim").contains { result in
            guard result.result == "pass", let signer = result.properties["header.d"] else { return false }
            return Self.isAligned(signer.lowercased(), with: domain)
        }
        if dkimAligned { return nil }
        let dkim = trusted.results(for: "dkim").map { "\($0.result) (\($0.properties["header.d"] ?? "no d="))" }
        return "no aligned pass from \(trusted.authservID): dmarc=\(dmarcKeyword ?? "absent"), "
            + "dkim=\(dkim.isEmpty ? "absent" : dkim.joined(separator: ", "))"
    }

    /// Whether two domains align under relaxed alignment (equal, or one inside the other, at least two labels).
    static func isAligned(_ signer: String, with domain: String) -> Bool {
        guard signer.split(separator: ".").count >= 2 else { return false }
        return signer == domain || domain.hasSuffix("." + signer) || signer.hasSuffix("." + domain)
    }
}
