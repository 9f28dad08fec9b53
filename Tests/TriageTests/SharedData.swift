import Foundation
import Triage

/// The read-only shared data sets: `$MAILROOM_SHARED_DATA`, or `<package root>/../shared/data`.
enum SharedData {
    static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["MAILROOM_SHARED_DATA"] {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("bitext/train.csv").path)
    }

    static func examples(_ relativePath: String) throws -> [LabeledExample] {
        let text = try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
        return CSVTable(parsing: text).labeledExamples() ?? []
    }

    /// The texts of every CSV whose name ends with `suffix` in every data set (`"dev.csv"`, `".csv"`), in a fixed
    /// order.
    static func texts(inFilesEndingWith suffix: String) throws -> [String] {
        var texts: [String] = []
        for set in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: root.path + "/" + set)) ?? []
            for file in files.sorted() where file.hasSuffix(suffix) {
                texts += try examples("\(set)/\(file)").map(\.text)
            }
        }
        return texts
    }
}

/// Random strings drawn from the characters that matter to a test.
struct RandomTexts {
    var generator: SeededGenerator
    let alphabet: [Character]

    init(seed: UInt64, alphabet: String) {
        generator = SeededGenerator(seed: seed)
        self.alphabet = Array(alphabet)
    }

    /// A string of up to `maxLength - 1` characters.
    mutating func next(maxLength: Int) -> String {
        let length = Int(generator.next() % UInt64(maxLength))
        return String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
