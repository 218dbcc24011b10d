import NASCore
import Testing
@testable import Predictors

/// The hand-written backward passes agree with central finite differences of the forward
/// pass, for the dense stack and for every GCN layer and readout.
@Suite struct NeuralGradientTests {
    /// Relative error ‖numeric − analytic‖ / ‖numeric‖ over all parameters.
    static func relativeError(_ numeric: [Double], _ analytic: [Double]) -> Double {
        var difference = 0.0, norm = 0.0
        for i in numeric.indices {
            difference += (numeric[i] - analytic[i]) * (numeric[i] - analytic[i])
            norm += numeric[i] * numeric[i]
        }
        return (difference / max(norm, 1e-30)).squareRoot()
    }

    /// Pan graphs with noise on the one-hot features: symmetric nodes would otherwise tie
    /// exactly under the max readout, where the loss has no derivative to check.
    static func graphs() throws -> [CellGraph] {
        var rng = Xoshiro256StarStar(seed: 21)
        return try [[3, 3, 2, 1, 4, 3], [2, 0, 3, 3, 1, 4], [1, 2, 4, 0, 3, 3]].map { ops in
            let g = try PanShapedGraphs.graph(edgeOps: ops)
            return try CellGraph(nodeCount: g.nodeCount, adjacency: g.adjacency,
                                 features: g.features.map { $0 + rng.nextUnit() * 0.3 }, featureCount: g.featureCount)
        }
    }

    @Test("GCN backward = finite differences", arguments: [GraphConvolution.sageMean, .kipfWelling], [GraphReadout.mean, .max])
    func gcnGradientMatchesFiniteDifferences(layer: GraphConvolution, readout: GraphReadout) throws {
        let configuration = GraphConvolutionalNetwork.Configuration(layer: layer, widths: [5, 4], readout: readout, head: [3])
        let graphs = try Self.graphs()
        let set = GraphSet(graphs, convolution: layer)
        let architecture = GCNArchitecture(configuration, featureCount: 6)
        let pass = GCNPass(architecture, graphCapacity: 3, nodeCapacity: 3 * set.maxNodes, training: true)
        var rng = Xoshiro256StarStar(seed: 11)
        architecture.initialize(pass.parameters, using: &rng)
        // Nonzero biases move units away from the ReLU kink at 0.
        for i in 0..<architecture.parameterCount { pass.parameters[i] += Float(rng.nextUnit() * 0.2 - 0.05) }
        let weights: [Float] = [0.7, -1.3, 0.4]
        var batch = GraphSet.Batch()
        func loss() -> Double {
            set.assemble([0, 1, 2], into: pass.nodeActivations[0], batch: &batch)
            let out = pass.forward(batch)
            return (0..<3).reduce(0.0) { $0 + Double(out[$1] * weights[$1]) }
        }
        _ = loss()
        for i in 0..<3 { pass.outputGradient[i] = weights[i] }
        pass.gradients.update(repeating: 0, count: architecture.parameterCount)
        pass.backward(batch)
        let analytic = (0..<architecture.parameterCount).map { Double(pass.gradients[$0]) }
        var numeric: [Double] = []
        let h: Float = 2e-3
        for i in 0..<architecture.parameterCount {
            let saved = pass.parameters[i]
            pass.parameters[i] = saved + h
            let up = loss()
            pass.parameters[i] = saved - h
            let down = loss()
            pass.parameters[i] = saved
            numeric.append((up - down) / Double(2 * h))
        }
        #expect(Self.relativeError(numeric, analytic) < 2e-2)
    }

    @Test("Dense stack backward = finite differences, input gradient included")
    func denseGradientMatchesFiniteDifferences() {
        let stack = DenseStack(widths: [4, 6, 5, 2])
        let rows = 3
        var layout = ScratchLayout()
        let p = layout.reserve(stack.parameterCount), g = layout.reserve(stack.parameterCount)
        let acts = stack.widths.map { layout.reserve(rows * $0) }
        let work = (layout.reserve(rows * stack.maxWidth), layout.reserve(rows * stack.maxWidth))
        let dOut = layout.reserve(rows * 2), dIn = layout.reserve(rows * 4)
        let scratch = ScratchBuffer(count: layout.count)
        let base = scratch.base
        var rng = Xoshiro256StarStar(seed: 5)
        stack.initialize(base + p, using: &rng)
        for i in 0..<stack.parameterCount { base[p + i] += Float(rng.nextUnit() * 0.2) }
        let input = (0..<(rows * 4)).map { _ in Float(rng.nextGaussian()) }
        let outputWeights = (0..<(rows * 2)).map { _ in Float(rng.nextGaussian()) }
        let activations = acts.map { base + $0 }
        func loss() -> Double {
            scratch.load(input, at: acts[0])
            stack.forward(base + p, activations: activations, rows: rows)
            return (0..<(rows * 2)).reduce(0.0) { $0 + Double(activations[3][$1] * outputWeights[$1]) }
        }
        _ = loss()
        scratch.load(outputWeights, at: dOut)
        stack.backward(base + p, gradients: base + g, activations: activations, outputGradient: base + dOut,
                       inputGradient: base + dIn, work: (base + work.0, base + work.1), rows: rows)
        let analytic = (0..<stack.parameterCount).map { Double(base[g + $0]) }
        let h: Float = 1e-2
        var numeric: [Double] = []
        for i in 0..<stack.parameterCount {
            let saved = base[p + i]
            base[p + i] = saved + h; let up = loss()
            base[p + i] = saved - h; let down = loss()
            base[p + i] = saved
            numeric.append((up - down) / Double(2 * h))
        }
        #expect(Self.relativeError(numeric, analytic) < 2e-2)
        // The input gradient is the head → readout link of the GCN.
        let inputAnalytic = (0..<(rows * 4)).map { Double(base[dIn + $0]) }
        _ = loss()
        stack.backward(base + p, gradients: base + g, activations: activations, outputGradient: base + dOut,
                       inputGradient: base + dIn, work: (base + work.0, base + work.1), rows: rows)
        var inputNumeric: [Double] = []
        var perturbed = input
        for i in 0..<(rows * 4) {
            perturbed[i] = input[i] + h
            scratch.load(perturbed, at: acts[0]); stack.forward(base + p, activations: activations, rows: rows)
            let up = (0..<(rows * 2)).reduce(0.0) { $0 + Double(activations[3][$1] * outputWeights[$1]) }
            perturbed[i] = input[i] - h
            scratch.load(perturbed, at: acts[0]); stack.forward(base + p, activations: activations, rows: rows)
            let down = (0..<(rows * 2)).reduce(0.0) { $0 + Double(activations[3][$1] * outputWeights[$1]) }
            perturbed[i] = input[i]
            inputNumeric.append((up - down) / Double(2 * h))
        }
        #expect(Self.relativeError(inputNumeric, inputAnalytic) < 2e-2)
    }

    @Test("Adam's first step moves every parameter by the learning rate against its gradient's sign")
    func adamFirstStep() {
        let scratch = ScratchBuffer(count: 12)
        let p = scratch.base, g = scratch.base + 3, m = scratch.base + 6, v = scratch.base + 9
        scratch.load([1, 2, 3], at: 0)
        scratch.load([0.5, -4, 1e-3], at: 3)
        var adam = AdamOptimizer(learningRate: 0.1)
        adam.step(parameters: p, gradients: g, firstMoment: m, secondMoment: v, count: 3)
        // m̂ = g, v̂ = g², so the step is lr · g / |g| (Kingma & Ba 2015, §2.1).
        #expect(abs(p[0] - 0.9) < 1e-5)
        #expect(abs(p[1] - 2.1) < 1e-5)
        #expect(abs(p[2] - 2.9) < 1e-4)
    }
}
