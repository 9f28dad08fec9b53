import Foundation
import Triage

/// The signals with their scores and evidence, and the top intents with their scores, as compact JSON for the
/// ticket row (the console's decision trail shows them).
enum SignalsJSON {
    /// The language model's opinion, shown beside the local one; its draft is what `#send-draft` sends.
    private struct Model: Decodable {
        var draft: String?
    }

    private struct ModelOnly: Decodable {
        var llm: Model?
    }

    /// The draft the language model wrote for the ticket's last classified message, if any.
    static func draft(in json: String?) -> String? {
        guard let json, let record = try? JSONDecoder().decode(ModelOnly.self, from: Data(json.utf8)) else {
            return nil
        }
        return record.llm?.draft.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The record, keys sorted, written by hand: it is built once per classified message inside the write
    /// transaction, and `JSONEncoder` (reflection through `Encodable`, a sorted copy of every key) took 1.3% of
    /// the gateway's CPU there. `{}` when a number is not finite (JSON has none), as before.
    static func encode(_ signals: Signals, prediction: IntentPrediction? = nil, opinion: ModelOpinion? = nil) -> String
    {
        var json = JSONText()
        json.open()
        json.entry("churnRisk", signals.churnRisk.level.rawValue, signals.churnRisk.score, signals.churnRisk.evidence)
        json.key("intents")
        json.bytes.append(UInt8(ascii: "["))
        if let prediction {
            let scored =
                [(prediction.intent, prediction.confidence)]
                + prediction.alternatives.prefix(4).map { ($0.intent, $0.confidence) }
            for (index, (intent, score)) in scored.enumerated() {
                if index > 0 { json.bytes.append(UInt8(ascii: ",")) }
                json.open()
                json.field("intent", intent)
                json.field("score", score)
                json.close()
            }
        }
        json.bytes.append(UInt8(ascii: "]"))
        json.entry("language", signals.language.level, signals.language.score, signals.language.evidence)
        if let opinion {
            json.key("llm")
            json.open()
            let answer = opinion.answer
            if let value = answer?.calibratedConfidence { json.field("calibratedConfidence", value) }
            if let value = answer?.replyDraft { json.field("draft", value) }
            if let value = opinion.fallback { json.field("fallback", value) }
            if let value = answer?.intent { json.field("intent", value) }
            json.field("model", opinion.provenance.model)
            if let value = answer?.reason { json.field("reason", value) }
            if let value = answer?.statedConfidence { json.field("statedConfidence", value) }
            json.close()
        }
        json.entry("sentiment", signals.sentiment.level.rawValue, signals.sentiment.score, signals.sentiment.evidence)
        json.entry("urgency", signals.urgency.level.rawValue, signals.urgency.score, signals.urgency.evidence)
        json.close()
        return json.isValid ? String(decoding: json.bytes, as: UTF8.self) : "{}"
    }
}

/// A JSON object written field by field, in the order given (the caller sorts the keys).
private struct JSONText {
    var bytes: [UInt8] = []
    var isValid = true
    private var first = true

    init() { bytes.reserveCapacity(512) }

    mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    mutating func close() {
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    mutating func key(_ name: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Double) {
        key(name)
        guard value.isFinite else {
            isValid = false
            return
        }
        // As JSONEncoder writes it: the shortest form that reads back the same, without a trailing `.0`.
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes += text.utf8
    }

    /// `"name":{"evidence":[…],"level":…,"score":…}`.
    mutating func entry(_ name: String, _ level: String, _ score: Double, _ evidence: [String]) {
        key(name)
        open()
        key("evidence")
        bytes.append(UInt8(ascii: "["))
        for (index, item) in evidence.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(item)
        }
        bytes.append(UInt8(ascii: "]"))
        field("level", level)
        field("score", score)
        close()
    }

    /// A JSON string: quotes, backslashes and control characters escaped; everything else as UTF-8.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
                bytes += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension Ticket {
    /// The language model's draft reply for the ticket's last classified message, if there is one.
    public var modelDraft: String? { SignalsJSON.draft(in: signalsJSON) }
}
