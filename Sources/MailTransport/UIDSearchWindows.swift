/// The UIDs above a checkpoint, found with `UID SEARCH` in bounded windows below UIDNEXT (with ESEARCH's
/// `RETURN (ALL)` when the server has it, so an answer is a compact set), then `n:*` for anything delivered since
/// (UIDNEXT may lag behind new deliveries). Results are filtered here because `n:*` always matches the highest
/// UID, even one below n. Shared by libcurl's session and the raw bulk session, which run the commands.
struct UIDSearchWindows {
    /// The first command to run, or nil when there is nothing above the checkpoint to look for.
    private(set) var command: String?
    private let verb: String
    private let uidNext: UInt32
    private let limit: Int
    private var low: UInt32
    private var high: UInt32?
    private(set) var found: [UInt32] = []
    static let window: UInt32 = 20_000

    init(after checkpoint: UInt32, uidNext: UInt32, limit: Int, eSearch: Bool) {
        verb = eSearch ? "UID SEARCH RETURN (ALL) UID " : "UID SEARCH UID "
        self.uidNext = uidNext
        self.limit = limit
        low = checkpoint &+ 1
        guard limit > 0, checkpoint < UInt32.max else { return }
        plan()
    }

    /// Takes the answer to ``command``; the next command is then in ``command`` (nil when done).
    mutating func take(_ answer: String) {
        found += IMAPResponse.searchResults(answer).filter { $0 >= low && $0 <= (high ?? UInt32.max) }.sorted()
        guard let high, high < UInt32.max, found.count < limit else {
            command = nil
            return
        }
        low = high + 1
        plan()
    }

    /// At most `limit` UIDs, ascending.
    var uids: [UInt32] { Array(found.prefix(limit)) }

    private mutating func plan() {
        let isLast = uidNext <= low || uidNext - low <= Self.window
        high = isLast ? nil : low + Self.window - 1
        command = verb + "\(low):" + (high.map(String.init) ?? "*")
    }
}
