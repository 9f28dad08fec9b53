/// IMAP UID sets (`12:40,43,47`): compact formatting for one-command MOVE/STORE of many messages, and parsing
/// of the sets ESEARCH returns.
public enum UIDSet {
    /// Formats UIDs as a compact set: sorted, duplicates dropped, runs as ranges (`[1,2,3,7]` -> `1:3,7`).
    public static func format<S: Sequence<UInt32>>(_ uids: S) -> String {
        ranges(uids).map(item).joined(separator: ",")
    }

    /// Formats UIDs as several sets, each at most `maxLength` characters (servers' command-length limits) and at
    /// most `maxCount` UIDs (how many lines the answer may have).
    public static func chunks<S: Sequence<UInt32>>(_ uids: S, maxLength: Int = 4000, maxCount: Int = .max) -> [String] {
        precondition(maxCount > 0, "a set holds at least one UID")
        var result: [String] = []
        var current = ""
        var count = 0
        for whole in ranges(uids) {
            var low = whole.lowerBound
            while true {
                if count == maxCount {
                    result.append(current)
                    (current, count) = ("", 0)
                }
                let room = UInt64(maxCount - count)
                let high = UInt32(min(UInt64(whole.upperBound), UInt64(low) + room - 1))
                let text = item(low...high)
                if !current.isEmpty && current.count + 1 + text.count > maxLength {
                    result.append(current)
                    (current, count) = ("", 0)
                    continue
                }
                current += current.isEmpty ? text : "," + text
                count += Int(high - low) + 1
                guard high < whole.upperBound else { break }
                low = high + 1
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Parses a set of plain numbers and ranges (`1:3,6` -> `[1,2,3,6]`); nil if it contains `*` or garbage, or
    /// would expand to more than `limit` UIDs.
    public static func parse(_ text: String, limit: Int = 1_000_000) -> [UInt32]? {
        var uids: [UInt32] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: ":")
            guard (1...2).contains(bounds.count), let first = UInt32(bounds[0]),
                let last = bounds.count == 2 ? UInt32(bounds[1]) : first
            else { return nil }
            let (low, high) = (min(first, last), max(first, last))
            guard uids.count + Int(high - low) < limit else { return nil }
            uids.append(contentsOf: low...high)
        }
        return uids
    }

    private static func item(_ range: ClosedRange<UInt32>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound):\(range.upperBound)"
    }

    private static func ranges<S: Sequence<UInt32>>(_ uids: S) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        for uid in Set(uids).sorted() {
            if let last = result.last, last.upperBound &+ 1 == uid {
                result[result.count - 1] = last.lowerBound...uid
            } else {
                result.append(uid...uid)
            }
        }
        return result
    }
}
