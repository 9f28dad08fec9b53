import Crypto

/// The fingerprint of a training set, stored in model files so a model can be matched to its data.
public enum TrainingData {
    /// SHA-256 of the examples as `text \t label \n` lines in their given order, as lowercase hex.
    public static func hash(_ examples: [LabeledExample]) -> String {
        var hash = SHA256()
        for example in examples {
            hash.update(data: Array(example.text.utf8))
            hash.update(data: [0x09])
            hash.update(data: Array(example.label.utf8))
            hash.update(data: [0x0A])
        }
        return hex(hash)
    }

    /// SHA-256 of texts (out-of-scope negatives) as `text \n` lines in their given order, as lowercase hex.
    public static func hash(texts: [String]) -> String {
        var hash = SHA256()
        for text in texts {
            hash.update(data: Array(text.utf8))
            hash.update(data: [0x0A])
        }
        return hex(hash)
    }

    private static func hex(_ hash: SHA256) -> String {
        hash.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
    }
}
