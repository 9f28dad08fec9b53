extension IMAPClient {
    /// Fetches one message byte for byte, after checking its RFC822.SIZE so an oversized one is not downloaded.
    ///
    /// - Parameters:
    ///   - uid: the message's UID in this client's mailbox.
    ///   - maxSize: the largest message to download; `configuration.maxMessageSize` when nil.
    ///   - uidValidity: when given, the fetch fails with `uidValidityChanged` if the mailbox's UIDVALIDITY differs.
    public func fetch(uid: UInt32, maxSize: Int? = nil, uidValidity: UInt32? = nil)
        async throws(TransportError) -> FetchOutcome
    {
        try await fetch(uids: [uid], maxSize: maxSize, uidValidity: uidValidity)[0].outcome
    }

    /// Fetches one message whose RFC822.SIZE is already known (from ``messageSizes(uids:)``): one command instead
    /// of two. An oversized message is not downloaded; one that grew past `maxSize` meanwhile is stopped there.
    public func fetch(uid: UInt32, size: Int, maxSize: Int? = nil, uidValidity: UInt32? = nil)
        async throws(TransportError) -> FetchOutcome
    {
        let limit = maxSize ?? configuration.maxMessageSize
        guard size <= limit else { return .tooLarge(size: size) }
        return try await fetchBody(uid: uid, size: size, limit: limit, uidValidity: uidValidity)
    }

    /// Fetches several messages: one `UID FETCH set (RFC822.SIZE)` for all of them, then each message that fits
    /// under `maxSize` over the same connection. Results come in the order of `uids`.
    ///
    /// All fetched bytes are held in memory until the call returns: keep batches modest (the size limit times
    /// the batch length bounds the memory used).
    public func fetch(uids: [UInt32], maxSize: Int? = nil, uidValidity: UInt32? = nil)
        async throws(TransportError) -> [(uid: UInt32, outcome: FetchOutcome)]
    {
        let limit = maxSize ?? configuration.maxMessageSize
        let sizes = try await messageSizes(uids: uids)
        var results: [(uid: UInt32, outcome: FetchOutcome)] = []
        results.reserveCapacity(uids.count)
        for uid in uids {
            guard let size = sizes[uid] else {
                results.append((uid, .notFound))
                continue
            }
            if size > limit {
                results.append((uid, .tooLarge(size: size)))
                continue
            }
            results.append((uid, try await fetch(uid: uid, size: size, maxSize: limit, uidValidity: uidValidity)))
        }
        return results
    }

    /// The header block of one message (`BODY[HEADER]`, the blank line included), at most `limit` bytes: what
    /// can be known of a message too large to download. Empty when the UID is gone or the header is larger.
    public func header(uid: UInt32, limit: Int = 256 * 1024) async throws(TransportError) -> [UInt8] {
        var request = CurlRequest(url: mailboxURL + "/;UID=\(uid);SECTION=HEADER")
        request.bodyLimit = limit
        do {
            return try await perform(request, "fetch the header of UID \(uid)").body
        } catch {
            // 23: the header grew past the limit; 78: the UID went away.
            if error.curlCode == 23 || (error.curlCode == 78 && error != .uidValidityChanged) { return [] }
            throw error
        }
    }

    /// RFC822.SIZE of each UID that exists (one command per UID-set chunk).
    public func messageSizes(uids: [UInt32]) async throws(TransportError) -> [UInt32: Int] {
        var sizes: [UInt32: Int] = [:]
        for set in UIDSet.chunks(uids, maxCount: Self.uidsPerCommand) {
            let request = CurlRequest(url: mailboxURL, customRequest: "UID FETCH \(set) (UID RFC822.SIZE)")
            let transfer = try await perform(request, "UID FETCH RFC822.SIZE")
            sizes.merge(IMAPResponse.fetchSizes(String(decoding: transfer.body, as: UTF8.self))) { $1 }
        }
        return sizes
    }

    /// `UID FETCH n BODY[]` through libcurl's URL form (`INBOX;UID=n`): binary-safe at any size, streamed to
    /// the write callback, aborted if it grows past `limit`.
    private func fetchBody(uid: UInt32, size: Int, limit: Int, uidValidity: UInt32?)
        async throws(TransportError) -> FetchOutcome
    {
        let validity = uidValidity.map { ";UIDVALIDITY=\($0)/" } ?? "/"
        var request = CurlRequest(url: mailboxURL + validity + ";UID=\(uid)")
        request.bodyLimit = limit
        request.expectedBodySize = size
        do {
            let transfer = try await perform(request, "fetch UID \(uid)")
            // No bytes for a message that has some: the UID went away. A message of 0 bytes is still a message.
            return transfer.body.isEmpty && size > 0 ? .notFound : .message(transfer.body)
        } catch {
            // 23: our write callback stopped the download at the limit (RFC822.SIZE understated the message).
            if error.curlCode == 23 { return .tooLarge(size: max(size, limit + 1)) }
            // 78 without a UIDVALIDITY change: the UID went away between the size check and the download.
            if error.curlCode == 78, error != .uidValidityChanged { return .notFound }
            throw error
        }
    }
}
