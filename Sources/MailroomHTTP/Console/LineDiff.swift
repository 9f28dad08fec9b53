/// A line diff (longest common subsequence) between two versions of a text, for the template history.
enum LineDiff {
    /// One line of the diff: kept (` `), removed (`-`) or added (`+`).
    struct Line: Equatable {
        var mark: Character
        var text: String
    }

    /// The lines of `old` and `new` with what changed marked; texts past 2,000 lines are compared as replaced.
    static func lines(_ old: String, _ new: String) -> [Line] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a.count <= 2000, b.count <= 2000 else {
            return a.map { Line(mark: "-", text: $0) } + b.map { Line(mark: "+", text: $0) }
        }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [Line] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                result.append(Line(mark: " ", text: a[i]))
                i += 1
                j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
                result.append(Line(mark: "+", text: b[j]))
                j += 1
            } else {
                result.append(Line(mark: "-", text: a[i]))
                i += 1
            }
        }
        return result
    }
}
