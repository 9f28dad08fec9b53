/// The binary model file: a magic number, a format version, the model kind (from version 2), then the feature
/// settings, labels, metadata (training-data hash, dev metrics; from version 3 the negatives' hash and count),
/// calibration (from version 3 with the none-class calibration of a model trained with negatives), kept features
/// and their IDF, and the weights as float16. Only features seen in training are stored, so the file stays small.
///
/// Version 1 files (logistic regression only, no kind byte) and version 2 files (no negatives) are still read.
public enum ModelFile {
    /// The format version this code writes (it reads this one and every earlier one).
    public static let formatVersion: UInt16 = 3
    /// The oldest format version this code reads.
    public static let oldestReadableVersion: UInt16 = 1
    /// The first four bytes of every model file.
    public static let magic: [UInt8] = Array("MRIM".utf8)

    /// Encodes a model.
    public static func encode(_ model: IntentModel) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(contentsOf: magic)
        writer.integer(formatVersion)
        writer.integer(model.scorer.kind.rawValue)
        writeSettings(model.settings, to: &writer)
        writer.varint(UInt64(model.labels.count))
        for label in model.labels { writer.string(label) }
        writeMetadata(model.metadata, to: &writer)
        writer.string(model.metadata.training)
        writer.string(model.metadata.negativesHash)
        writer.varint(UInt64(model.metadata.negativeExamples))
        writer.double(model.calibration.temperature)
        writer.double(model.calibration.slope)
        writer.double(model.calibration.intercept)
        writeOutOfScope(model.outOfScope, to: &writer)
        let space = model.featureSpace
        writer.varint(UInt64(space.count))
        var previous: UInt32 = 0
        for id in space.hashedIDs {
            writer.varint(UInt64(id - previous))
            previous = id
        }
        writer.float(space.unknownIDF)
        writer.halfFloats(space.idf)
        writeScorer(model.scorer, to: &writer)
        return writer.bytes
    }

    /// Decodes a model, checking the magic number and the format version.
    public static func decode(_ bytes: [UInt8]) throws(ModelFileError) -> IntentModel {
        var reader = ByteReader(bytes)
        let (version, kind) = try readHeader(&reader)
        guard let settings = readSettings(&reader) else { throw .truncated("feature settings") }
        let labels = try readLabels(&reader)
        guard var metadata = readMetadata(&reader) else { throw .truncated("metadata") }
        if version >= 2 {
            guard let training = reader.string() else { throw .truncated("metadata") }
            metadata.training = training
        }
        if version >= 3 {
            guard let hash = reader.string(), let count = reader.varint() else { throw .truncated("metadata") }
            metadata.negativesHash = hash
            metadata.negativeExamples = Int(count)
        }
        guard let temperature = reader.double(), let slope = reader.double(), let intercept = reader.double() else {
            throw .truncated("calibration")
        }
        let outOfScope = version >= 3 ? try readOutOfScope(&reader, classes: labels.count) : nil
        let space = try readSpace(&reader, settings: settings)
        let scorer = try readScorer(kind, &reader, features: space.count, classes: labels.count)
        guard reader.isAtEnd else { throw .trailingBytes }
        return IntentModel(
            labels: labels, featureSpace: space, scorer: scorer,
            calibration: Calibration(temperature: temperature, slope: slope, intercept: intercept), metadata: metadata,
            outOfScope: outOfScope)
    }

    /// The magic number, the version, and the model kind (version 1 files hold logistic regression).
    private static func readHeader(_ reader: inout ByteReader) throws(ModelFileError)
        -> (version: UInt16, kind: IntentScorer.Kind)
    {
        guard reader.bytes.count >= 6, Array(reader.bytes[0..<4]) == magic else { throw .notAModel }
        reader.offset = 4
        let version = reader.integer(UInt16.self)!
        guard (oldestReadableVersion...formatVersion).contains(version) else {
            throw .versionMismatch(found: version, expected: formatVersion)
        }
        guard version >= 2 else { return (version, .linear) }
        guard let raw = reader.integer(UInt8.self) else { throw .truncated("model kind") }
        guard let kind = IntentScorer.Kind(rawValue: raw) else { throw .unknownModelKind(raw) }
        return (version, kind)
    }

    /// A byte (0: trained without negatives, 1: with a none-class), then the none-class's label index (varint)
    /// and the calibration's coefficients (count as a varint, then float64 each).
    private static func writeOutOfScope(_ outOfScope: OutOfScopeCalibration?, to writer: inout ByteWriter) {
        guard let outOfScope else {
            writer.integer(UInt8(0))
            return
        }
        writer.integer(UInt8(1))
        writer.varint(UInt64(outOfScope.noneClass))
        writer.varint(UInt64(outOfScope.coefficients.count))
        for coefficient in outOfScope.coefficients { writer.double(coefficient) }
    }

    private static func readOutOfScope(_ reader: inout ByteReader, classes: Int) throws(ModelFileError)
        -> OutOfScopeCalibration?
    {
        guard let flag = reader.integer(UInt8.self) else { throw .truncated("out-of-scope calibration") }
        guard flag == 1 else {
            guard flag == 0 else { throw .corrupt("unknown out-of-scope calibration") }
            return nil
        }
        guard let noneClass = reader.varint(), let count = reader.varint() else {
            throw .truncated("out-of-scope calibration")
        }
        guard noneClass < UInt64(classes) else { throw .corrupt("none-class out of range") }
        guard count == UInt64(OutOfScopeCalibration.coefficientCount) else {
            throw .corrupt("out-of-scope calibration has \(count) coefficients")
        }
        var coefficients: [Double] = []
        for _ in 0..<count {
            guard let coefficient = reader.double() else { throw .truncated("out-of-scope calibration") }
            coefficients.append(coefficient)
        }
        return OutOfScopeCalibration(noneClass: Int(noneClass), coefficients: coefficients)
    }

    private static func readLabels(_ reader: inout ByteReader) throws(ModelFileError) -> [String] {
        guard let count = reader.varint(), count >= 1, count < 100_000 else { throw .truncated("labels") }
        var labels: [String] = []
        for _ in 0..<count {
            guard let label = reader.string() else { throw .truncated("labels") }
            labels.append(label)
        }
        return labels
    }

    private static func readSpace(_ reader: inout ByteReader, settings: FeatureSettings) throws(ModelFileError)
        -> FeatureSpace
    {
        guard let count = reader.varint(), count <= UInt64(settings.dimension) else { throw .truncated("features") }
        var ids: [UInt32] = []
        ids.reserveCapacity(Int(count))
        var previous: UInt64 = 0
        for _ in 0..<count {
            guard let delta = reader.varint() else { throw .truncated("features") }
            previous += delta
            guard previous < UInt64(settings.dimension) else { throw .corrupt("feature id out of range") }
            ids.append(UInt32(previous))
        }
        guard let unknownIDF = reader.float(), let idf = reader.halfFloats(count: Int(count)) else {
            throw .truncated("idf")
        }
        return FeatureSpace(settings: settings, hashedIDs: ids, idf: idf, unknownIDF: unknownIDF)
    }

    private static func writeSettings(_ settings: FeatureSettings, to writer: inout ByteWriter) {
        writer.integer(UInt8(settings.hashBits))
        writer.integer(UInt8(settings.wordNgramMax))
        writer.integer(UInt8(settings.charNgramMin))
        writer.integer(UInt8(settings.charNgramMax))
        writer.float(settings.wordBlockWeight)
        writer.varint(UInt64(settings.minDocumentFrequency))
        writer.integer(UInt8(settings.unknownFeaturesInNorm ? 1 : 0))
        writer.integer(UInt8(settings.wordPairWindow))
        writer.integer(UInt8(settings.stems ? 1 : 0))
    }

    private static func readSettings(_ reader: inout ByteReader) -> FeatureSettings? {
        guard let bits = reader.integer(UInt8.self), (8...24).contains(bits),
            let words = reader.integer(UInt8.self), let charMin = reader.integer(UInt8.self),
            let charMax = reader.integer(UInt8.self), let weight = reader.float(),
            let minDF = reader.varint(), let unknown = reader.integer(UInt8.self),
            let pairs = reader.integer(UInt8.self), let stems = reader.integer(UInt8.self)
        else { return nil }
        return FeatureSettings(
            hashBits: Int(bits), wordNgramMax: Int(words), charNgramMin: Int(charMin), charNgramMax: Int(charMax),
            wordBlockWeight: weight, minDocumentFrequency: Int(minDF), unknownFeaturesInNorm: unknown == 1,
            wordPairWindow: Int(pairs), stems: stems == 1
        )
    }

    private static func writeMetadata(_ metadata: ModelMetadata, to writer: inout ByteWriter) {
        writer.string(metadata.trainingDataHash)
        writer.varint(UInt64(metadata.trainingExamples))
        writer.double(metadata.lambda)
        writer.string(metadata.calibrationSource)
        writer.varint(UInt64(metadata.devMetrics.count))
        for (name, value) in metadata.devMetrics.sorted(by: { $0.key < $1.key }) {
            writer.string(name)
            writer.double(value)
        }
    }

    private static func readMetadata(_ reader: inout ByteReader) -> ModelMetadata? {
        guard let hash = reader.string(), let examples = reader.varint(), let lambda = reader.double(),
            let source = reader.string(), let metricCount = reader.varint(), metricCount < 1000
        else { return nil }
        var metrics: [String: Double] = [:]
        for _ in 0..<metricCount {
            guard let name = reader.string(), let value = reader.double() else { return nil }
            metrics[name] = value
        }
        return ModelMetadata(
            trainingDataHash: hash, trainingExamples: Int(examples), lambda: lambda, devMetrics: metrics,
            calibrationSource: source
        )
    }
}
