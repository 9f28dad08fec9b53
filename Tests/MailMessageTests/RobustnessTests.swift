import Foundation
import Testing

@testable import MailMessage

/// A deterministic generator (SplitMix64) so every run mutates the same way.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Parsing never crashes and never takes super-linear time, on any input: a seeded mutator over the real
/// fixtures (a bounded, repeatable cousin of scripts/fuzz), and hand-made pathological shapes.
@Suite struct RobustnessTests {
    private static let tokens: [[UInt8]] = [
        "--", "\r\n", "\n\n", "=?utf-8?B?", "?=", "=?", "boundary=",
        "Content-Type: multipart/mixed; boundary=x\n\n--x\n",
        "Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n", "=\n", "=ZZ", "<",
        "&#", "&amp", "\"", "(", ")", ";", "*0*=utf-8''%", "message/rfc822\n\n", "\u{0}", "\u{FF}", "From ",
    ].map { Array($0.utf8) }

    private func mutate(_ input: [UInt8], _ rng: inout SplitMix64, other: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            case 1: bytes.insert(contentsOf: Self.tokens.randomElement(using: &rng)!, at: position)
            case 2 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...64, using: &rng)))
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...256, using: &rng))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            case 4 where !other.isEmpty:
                let cut = Int.random(in: 0..<other.count, using: &rng)
                bytes = Array(bytes[..<position]) + other[cut...]
            default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: position)
            }
        }
        return bytes
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage)) func seededMutationsOfTheFixtures() throws {
        let seeds = try SharedData.fixtureNames().map(SharedData.bytes).filter { $0.count < 200_000 }
        var rng = SplitMix64(state: 20_261_121)
        var parsed = 0
        for _ in 0..<1500 {
            let input = mutate(seeds.randomElement(using: &rng)!, &rng, other: seeds.randomElement(using: &rng)!)
            guard let message = try? MessageParser.parse(input) else { continue }
            _ = (message.textBody, message.kindVerdict, message.attachments, message.allDefects)
            _ = (message.subject, message.from, message.to, message.date, message.deliveryReport)
            parsed += 1
        }
        #expect(parsed > 1400)
    }

    static let pathological: [(String, [UInt8])] = [
        ("one huge header line", Array(("Subject: " + String(repeating: "a", count: 400_000) + "\n\nx").utf8)),
        ("many encoded-word starts", Array(("Subject: " + String(repeating: "=?", count: 100_000) + "\n\nx").utf8)),
        (
            "unterminated comments",
            Array(
                ("Content-Type: text/plain; " + String(repeating: "( ", count: 50_000)
                    + "\n\nx").utf8)
        ),
        (
            "10,000 empty parts",
            Array(
                ("Content-Type: multipart/mixed; boundary=b\n\n"
                    + String(repeating: "--b\n\n", count: 10_000) + "--b--\n").utf8)
        ),
        (
            "deep nesting",
            Array(
                (0..<5000).map { "Content-Type: multipart/mixed; boundary=b\($0)\n\n--b\($0)\n" }
                    .joined().utf8)
        ),
        ("deep message/rfc822", Array(String(repeating: "Content-Type: message/rfc822\n\n", count: 5000).utf8)),
        ("unclosed tags", Array(("Content-Type: text/html\n\n" + String(repeating: "<a ", count: 60_000)).utf8)),
        (
            "unclosed comments in html",
            Array(
                ("Content-Type: text/html\n\n" + String(repeating: "<!--", count: 60_000))
                    .utf8)
        ),
        ("many addresses", Array(("To: " + String(repeating: "a@b.c, ", count: 30_000) + "\n\nx").utf8)),
        ("many headers", Array((String(repeating: "X-A: b\n", count: 50_000) + "\nx").utf8)),
        ("many lines", Array(("Subject: s\n\n" + String(repeating: "\n", count: 300_000)).utf8)),
        ("binary noise", (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }),
    ]

    /// Each finishes (in linear time: see bench/parse-scaling for the measured growth).
    @Test(arguments: pathological.map(\.0)) func pathologicalInputsFinish(_ name: String) throws {
        let input = try #require(Self.pathological.first { $0.0 == name }).1
        let message = try MessageParser.parse(input)
        _ = (message.textBody, message.kindVerdict, message.attachments, message.allDefects, message.to)
    }
}
