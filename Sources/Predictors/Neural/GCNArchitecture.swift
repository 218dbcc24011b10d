import NASCore

/// Where each parameter of a `GraphConvolutionalNetwork` lives in its flat buffer, and
/// how the network is initialised.
///
/// ```swift
/// let architecture = GCNArchitecture(configuration, featureCount: 6)
/// architecture.parameterCount      // all weights and biases
/// ```
///
/// Layout: for each convolution layer, W_n (in×out), then W_s (in×out, SAGE only), then
/// the bias; the dense head follows.
struct GCNArchitecture: Sendable {
    struct ConvolutionLayer: Sendable {
        let input: Int
        let output: Int
        let neighbourWeights: Int
        let selfWeights: Int?
        let bias: Int
    }

    let convolution: GraphConvolution
    let readout: GraphReadout
    let layers: [ConvolutionLayer]
    let head: DenseStack
    let headOffset: Int
    let parameterCount: Int

    init(_ configuration: GraphConvolutionalNetwork.Configuration, featureCount: Int) {
        convolution = configuration.layer
        readout = configuration.readout
        var layers: [ConvolutionLayer] = [], offset = 0, input = featureCount
        for output in configuration.widths {
            let neighbour = offset
            offset += input * output
            var selfWeights: Int?
            if configuration.layer.hasSelfWeight { selfWeights = offset; offset += input * output }
            layers.append(ConvolutionLayer(input: input, output: output, neighbourWeights: neighbour, selfWeights: selfWeights, bias: offset))
            offset += output
            input = output
        }
        self.layers = layers
        head = DenseStack(widths: [input] + configuration.head + [1])
        headOffset = offset
        parameterCount = offset + head.parameterCount
    }

    var embeddingWidth: Int { layers.last?.output ?? 0 }
    var maxWidth: Int { max(layers.map(\.output).max() ?? 0, layers.first?.input ?? 0) }

    func initialize(_ p: UnsafeMutablePointer<Float>, using rng: inout Xoshiro256StarStar) {
        for layer in layers {
            HeInitialization.fill(p + layer.neighbourWeights, count: layer.input * layer.output, fanIn: layer.input, using: &rng)
            if let s = layer.selfWeights {
                HeInitialization.fill(p + s, count: layer.input * layer.output, fanIn: layer.input, using: &rng)
            }
            (p + layer.bias).update(repeating: 0, count: layer.output)
        }
        head.initialize(p + headOffset, using: &rng)
    }
}
