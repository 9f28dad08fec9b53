/// One `Authentication-Results` header field (RFC 8601), parsed: who added it and what each method found.
///
/// Parse with ``parse(_:)``. Trust is decided elsewhere (``SenderAuthentication``): any sender can write
/// this header, so only the one added by our own receiving server means anything.
public struct AuthenticationResults: Hashable, Sendable {
    /// The result of one method (`spf=pass smtp.mailfrom=example.com`).
    public struct MethodResult: Hashable, Sendable {
        /// The method, lower case (`dmarc`, `spf`, `dkim`, `arc`, ...).
        public var method: String
        /// The method version after `/`, if given.
        public var version: String?
        /// The result keyword, lower case (`pass`, `fail`, `none`, `softfail`, `temperror`, ...).
        public var result: String
        /// The `reason=` value, if any.
        public var reason: String?
        /// The properties (`header.from`, `smtp.mailfrom`, `header.d`, ...) with lower-case names; the first
        /// value of a repeated property is kept.
        public var properties: [String: String]

        /// Creates a method result.
        public init(
            method: String, version: String? = nil, result: String, reason: String? = nil,
            properties: [String: String] = [:]
        ) {
            self.method = method
            self.version = version
            self.result = result
            self.reason = reason
            self.properties = properties
        }
    }

    /// The authserv-id: the name of the server that added the field, as written (compare ignoring case).
    public var authservID: String
    /// The authres-version, if given.
    public var version: Int?
    /// The method results in order; empty for `none`.
    public var results: [MethodResult]

    /// Creates a parsed field.
    public init(authservID: String, version: Int? = nil, results: [MethodResult]) {
        self.authservID = authservID
        self.version = version
        self.results = results
    }

    /// The first result for `method` (case-insensitive), or nil.
    public func result(for method: String) -> MethodResult? {
        let method = method.lowercased()
        return results.first { $0.method == method }
    }

    /// Every result for `method` (case-insensitive), in order.
    public func results(for method: String) -> [MethodResult] {
        let method = method.lowercased()
        return results.filter { $0.method == method }
    }
}
