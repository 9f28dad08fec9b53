extension ModelFile {
    /// The weights of each kind: logistic regression as `(features + 1) x labels` float16 values; networks as
    /// their count (varint), then each network's hidden-unit count (varint) and parameters (float16); an
    /// ensemble as both, then the networks' share (float32).
    static func writeScorer(_ scorer: IntentScorer, to writer: inout ByteWriter) {
        switch scorer {
        case .linear(let weights):
            writer.halfFloats(weights)
        case .network(let networks):
            writeNetworks(networks, to: &writer)
        case .ensemble(let weights, let networks, let share):
            writer.halfFloats(weights)
            writeNetworks(networks, to: &writer)
            writer.float(share)
        }
    }

    static func readScorer(_ kind: IntentScorer.Kind, _ reader: inout ByteReader, features: Int, classes: Int)
        throws(ModelFileError) -> IntentScorer
    {
        switch kind {
        case .linear:
            return .linear(try readLinear(&reader, features: features, classes: classes))
        case .network:
            return .network(try readNetworks(&reader, features: features, classes: classes))
        case .ensemble:
            let weights = try readLinear(&reader, features: features, classes: classes)
            let networks = try readNetworks(&reader, features: features, classes: classes)
            guard let share = reader.float() else { throw .truncated("ensemble share") }
            guard (0...1).contains(share) else { throw .corrupt("ensemble share out of range") }
            return .ensemble(linear: weights, networks: networks, networkShare: share)
        }
    }

    private static func writeNetworks(_ networks: [HiddenLayerNetwork], to writer: inout ByteWriter) {
        writer.varint(UInt64(networks.count))
        for network in networks {
            writer.varint(UInt64(network.layout.hidden))
            writer.halfFloats(network.parameters)
        }
    }

    private static func readLinear(_ reader: inout ByteReader, features: Int, classes: Int) throws(ModelFileError)
        -> [Float]
    {
        guard let weights = reader.halfFloats(count: (features + 1) * classes) else { throw .truncated("weights") }
        return weights
    }

    private static func readNetworks(_ reader: inout ByteReader, features: Int, classes: Int) throws(ModelFileError)
        -> [HiddenLayerNetwork]
    {
        guard let count = reader.varint() else { throw .truncated("networks") }
        guard (1...64).contains(count) else { throw .corrupt("network count out of range") }
        var networks: [HiddenLayerNetwork] = []
        for _ in 0..<count { networks.append(try readNetwork(&reader, features: features, classes: classes)) }
        return networks
    }

    private static func readNetwork(_ reader: inout ByteReader, features: Int, classes: Int) throws(ModelFileError)
        -> HiddenLayerNetwork
    {
        guard let hidden = reader.varint() else { throw .truncated("network") }
        guard (1...65_536).contains(hidden) else { throw .corrupt("hidden-unit count out of range") }
        let layout = NetworkLayout(inputs: features, hidden: Int(hidden), classes: classes)
        guard let parameters = reader.halfFloats(count: layout.count) else { throw .truncated("network weights") }
        return HiddenLayerNetwork(layout: layout, parameters: parameters)
    }
}
