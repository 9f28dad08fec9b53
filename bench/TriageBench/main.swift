import Foundation
import Triage

// Similarity-index latency at scale, beside a brute-force scan of the same vectors, for bench/triage.
// Usage: TriageBench <shared data folder> [entries] [queries]
// Entries are customer texts from the shared training splits; when there are fewer than `entries`, the rest
// are pairs of those texts joined together. Queries are the development-split texts.

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: TriageBench <shared data folder> [entries] [queries]")
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1])
let target = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
let queryCount = arguments.count > 3 ? Int(arguments[3]) ?? 1000 : 1000
let sets = [
    "banking77", "clinc150", "hwu64", "bitext", "it_tickets", "hint3/curekart", "hint3/powerplay11",
    "hint3/sofmattress",
]

func examples(_ name: String, _ split: String) -> [LabeledExample] {
    let path =
        name.hasPrefix("hint3/")
        ? root.appendingPathComponent("\(name)_\(split).csv") : root.appendingPathComponent("\(name)/\(split).csv")
    guard let text = try? String(contentsOf: path, encoding: .utf8) else { return [] }
    return CSVTable(parsing: text).labeledExamples() ?? []
}

let base = sets.flatMap { examples($0, "train") }
let queries = Array(sets.flatMap { examples($0, "dev") }.map(\.text).prefix(queryCount))
var generator = SystemRandomNumberGenerator()
var index = SimilarityIndex()
let clock = ContinuousClock()
let buildStart = clock.now
for number in 0..<target {
    let text: String
    let label: String
    if number < base.count {
        (text, label) = (base[number].text, base[number].label)
    } else {
        let first = base.randomElement(using: &generator)!
        let second = base.randomElement(using: &generator)!
        (text, label) = (first.text + " " + second.text, first.label)
    }
    index.add(
        SimilarityIndex.Entry(
            ticketID: "T-\(number)", customerText: text, resolution: "resolution \(number)", intent: label))
}
let buildTime = clock.now - buildStart

func micros(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) * 1e-12
}

func measure(_ texts: [String], _ query: (String) -> [SimilarityIndex.Match]) -> (median: Double, p99: Double) {
    var times: [Double] = []
    for text in texts {
        let start = clock.now
        _ = query(text)
        times.append(micros(clock.now - start))
    }
    times.sort()
    return (times[times.count / 2], times[min(times.count - 1, Int(Double(times.count) * 0.99))])
}

let inverted = measure(queries) { index.query($0, k: 5) }
let bruteQueries = Array(queries.prefix(100))
let brute = measure(bruteQueries) { index.bruteForceQuery($0, k: 5) }
var agree = 0
for text in bruteQueries
where index.query(text, k: 5).map(\.entry.ticketID) == index.bruteForceQuery(text, k: 5).map(\.entry.ticketID) {
    agree += 1
}
print("similarity index: \(index.count) entries, built in \(String(format: "%.1f", micros(buildTime) / 1e6)) s")
print(
    String(
        format: "  inverted index top-5: median %.0f µs, p99 %.0f µs (%d queries)", inverted.median, inverted.p99,
        queries.count))
print(
    String(
        format: "  brute-force scan top-5: median %.0f µs, p99 %.0f µs (%d queries)", brute.median, brute.p99,
        bruteQueries.count))
print(
    String(
        format: "  speed-up (median): %.1fx; same top-5 as the scan for %d of %d queries",
        brute.median / inverted.median, agree, bruteQueries.count))
