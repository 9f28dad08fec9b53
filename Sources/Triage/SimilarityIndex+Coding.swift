extension SimilarityIndex {
    /// The format version of an encoded index.
    public static let formatVersion: UInt16 = 1
    static let magic: [UInt8] = Array("MRSI".utf8)

    /// Encodes the entries (the vectors are rebuilt on decoding).
    public func encode() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(contentsOf: Self.magic)
        writer.integer(Self.formatVersion)
        writer.integer(UInt8(extractor.settings.hashBits))
        let all = allEntries
        writer.varint(UInt64(all.count))
        for entry in all {
            writer.string(entry.ticketID)
            writer.string(entry.customerText)
            writer.string(entry.resolution)
            writer.string(entry.intent)
        }
        return writer.bytes
    }

    /// Decodes an index written by `encode()` and rebuilds its vectors.
    public static func decode(_ bytes: [UInt8]) throws(ModelFileError) -> SimilarityIndex {
        guard bytes.count >= 7, Array(bytes[0..<4]) == magic else { throw .notAModel }
        var reader = ByteReader(bytes)
        reader.offset = 4
        let version = reader.integer(UInt16.self)!
        guard version == formatVersion else { throw .versionMismatch(found: version, expected: formatVersion) }
        guard let bits = reader.integer(UInt8.self), (8...24).contains(bits), let count = reader.varint() else {
            throw .truncated("index header")
        }
        var index = SimilarityIndex(hashBits: Int(bits))
        for _ in 0..<count {
            guard let id = reader.string(), let text = reader.string(), let resolution = reader.string(),
                let intent = reader.string()
            else { throw .truncated("index entries") }
            index.add(Entry(ticketID: id, customerText: text, resolution: resolution, intent: intent))
        }
        guard reader.isAtEnd else { throw .trailingBytes }
        return index
    }
}
