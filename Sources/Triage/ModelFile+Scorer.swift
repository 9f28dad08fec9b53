extension ModelFile {
    /// The weights of each kind: logistic regression as `(features + 1) x labels` float16 values; a network as
    /// its hidden-unit count (varint) and its parameters (float16); an ensemble as both, then the network's share
    /// (float32).
    static func writeScorer(_ scorer: IntentScorer, to writer: inout ByteWriter) {
        switch scorer {
        case .linear(let weights):
            writer.halfFloats(weights)
        case .network(let network):
            writeNetwork(network, to: &writer)
        case .ensemble(let weights, let network, let share):
            writer.halfFloats(weights)
            writeNetwork(network, to: &writer)
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
            return .network(try readNetwork(&reader, features: features, classes: classes))
        case .ensemble:
            let weights = try readLinear(&reader, features: features, classes: classes)
            let network = try readNetwork(&reader, features: features, classes: classes)
            guard let share = reader.float() else { throw .truncated("ensemble share") }
            guard (0...1).contains(share) else { throw .corrupt("ensemble share out of range") }
            return .ensemble(linear: weights, network: network, networkShare: share)
        }
    }

    private static func writeNetwork(_ network: HiddenLayerNetwork, to writer: inout ByteWriter) {
        writer.varint(UInt64(network.layout.hidden))
        writer.halfFloats(network.parameters)
    }

    private static func readLinear(_ reader: inout ByteReader, features: Int, classes: Int) throws(ModelFileError)
        -> [Float]
    {
        guard let weights = reader.halfFloats(count: (features + 1) * classes) else { throw .truncated("weights") }
        return weights
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
