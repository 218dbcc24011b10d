/// The memory and the forward/backward passes of one `GraphConvolutionalNetwork` fit or
/// prediction, for batches of up to `graphCapacity` graphs and `nodeCapacity` nodes.
///
/// ```swift
/// let pass = GCNPass(architecture, graphCapacity: 32, nodeCapacity: 256, training: true)
/// let output = pass.forward(batch)         // one value per graph
/// pass.backward(batch)                     // gradients into pass.gradients
/// ```
///
/// Per layer l: `PH = P·H_l` (sparse), `Z = PH·W_n (+ H_l·W_s) + b`, `H_{l+1} = ReLU(Z)`.
/// Backward: `dW_n += PHᵀ·dZ`, `dW_s += H_lᵀ·dZ`, `dH_l = Pᵀ·(dZ·W_nᵀ) + dZ·W_sᵀ`.
/// Everything lives in one `ScratchBuffer`, parameters first, so a pass allocates nothing.
final class GCNPass {
    let architecture: GCNArchitecture
    let scratch: ScratchBuffer
    let parameters: UnsafeMutablePointer<Float>
    let gradients: UnsafeMutablePointer<Float>
    let firstMoment: UnsafeMutablePointer<Float>
    let secondMoment: UnsafeMutablePointer<Float>
    /// H_0 … H_L, each nodeCapacity × width.
    let nodeActivations: [UnsafeMutablePointer<Float>]
    /// P·H_l for each layer.
    let propagated: [UnsafeMutablePointer<Float>]
    let layerGradient: UnsafeMutablePointer<Float>
    let propagatedGradient: UnsafeMutablePointer<Float>
    let nodeGradients: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)
    /// Head activations; [0] is the graph embedding.
    let headActivations: [UnsafeMutablePointer<Float>]
    let headWork: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)
    let embeddingGradient: UnsafeMutablePointer<Float>
    let outputGradient: UnsafeMutablePointer<Float>
    /// For the max readout: the batch node that won each (graph, channel).
    private var winners: [Int]

    init(_ architecture: GCNArchitecture, graphCapacity: Int, nodeCapacity: Int, training: Bool) {
        self.architecture = architecture
        let count = architecture.parameterCount
        let widest = architecture.maxWidth
        var layout = ScratchLayout()
        let p = layout.reserve(count)
        let g = layout.reserve(training ? count : 0)
        let m = layout.reserve(training ? count : 0)
        let v = layout.reserve(training ? count : 0)
        let inputWidths = [architecture.layers[0].input] + architecture.layers.map(\.output)
        let h = inputWidths.map { layout.reserve(nodeCapacity * $0) }
        let ph = architecture.layers.map { layout.reserve(nodeCapacity * $0.input) }
        let dz = layout.reserve(nodeCapacity * widest)
        let dph = layout.reserve(nodeCapacity * widest)
        let dh = (layout.reserve(nodeCapacity * widest), layout.reserve(nodeCapacity * widest))
        let head = architecture.head.widths.map { layout.reserve(graphCapacity * $0) }
        let headWork = (layout.reserve(graphCapacity * architecture.head.maxWidth), layout.reserve(graphCapacity * architecture.head.maxWidth))
        let dg = layout.reserve(graphCapacity * architecture.embeddingWidth)
        let dout = layout.reserve(graphCapacity)
        scratch = ScratchBuffer(count: layout.count)
        let base = scratch.base
        parameters = base + p; gradients = base + g; firstMoment = base + m; secondMoment = base + v
        nodeActivations = h.map { base + $0 }
        propagated = ph.map { base + $0 }
        layerGradient = base + dz; propagatedGradient = base + dph
        nodeGradients = (base + dh.0, base + dh.1)
        headActivations = head.map { base + $0 }
        self.headWork = (base + headWork.0, base + headWork.1)
        embeddingGradient = base + dg
        outputGradient = base + dout
        winners = [Int](repeating: 0, count: graphCapacity * architecture.embeddingWidth)
    }

    /// Runs the batch whose node features are already in `nodeActivations[0]`; returns the
    /// head's output (one value per graph, valid until the next pass).
    func forward(_ batch: GraphSet.Batch) -> UnsafeMutablePointer<Float> {
        let nodes = batch.nodes
        let p = UnsafePointer(parameters)
        for (l, layer) in architecture.layers.enumerated() {
            let h = nodeActivations[l], ph = propagated[l], z = nodeActivations[l + 1]
            propagate(h, into: ph, width: layer.input, batch: batch, transposed: false)
            DenseKernels.multiply(ph, p + layer.neighbourWeights, into: z, rows: nodes, inner: layer.input, columns: layer.output, accumulate: false)
            if let s = layer.selfWeights {
                DenseKernels.multiply(h, p + s, into: z, rows: nodes, inner: layer.input, columns: layer.output, accumulate: true)
            }
            DenseKernels.addBias(p + layer.bias, to: z, rows: nodes, columns: layer.output)
            DenseKernels.relu(z, count: nodes * layer.output)
        }
        readout(batch)
        architecture.head.forward(p + architecture.headOffset, activations: headActivations, rows: batch.graphNodeCount.count)
        return headActivations[architecture.head.layerCount]
    }

    /// Accumulates parameter gradients for the batch of the last `forward`, given
    /// `outputGradient`.
    func backward(_ batch: GraphSet.Batch) {
        let graphs = batch.graphNodeCount.count, nodes = batch.nodes
        let p = UnsafePointer(parameters)
        architecture.head.backward(p + architecture.headOffset, gradients: gradients + architecture.headOffset,
                                   activations: headActivations, outputGradient: outputGradient,
                                   inputGradient: embeddingGradient, work: headWork, rows: graphs)
        var dh = nodeGradients.0, spare = nodeGradients.1
        readoutBackward(batch, into: dh)
        for l in stride(from: architecture.layers.count - 1, through: 0, by: -1) {
            let layer = architecture.layers[l]
            let dz = layerGradient
            dz.update(from: dh, count: nodes * layer.output)
            DenseKernels.maskReLU(dz, output: nodeActivations[l + 1], count: nodes * layer.output)
            DenseKernels.accumulateTransposedProduct(propagated[l], dz, into: gradients + layer.neighbourWeights,
                                                     rows: nodes, inner: layer.input, columns: layer.output)
            DenseKernels.accumulateColumnSums(dz, into: gradients + layer.bias, rows: nodes, columns: layer.output)
            if let s = layer.selfWeights {
                DenseKernels.accumulateTransposedProduct(nodeActivations[l], dz, into: gradients + s,
                                                         rows: nodes, inner: layer.input, columns: layer.output)
            }
            guard l > 0 else { break }   // no gradient is needed for the input features
            DenseKernels.multiplyTransposed(dz, p + layer.neighbourWeights, into: propagatedGradient,
                                            rows: nodes, inner: layer.input, columns: layer.output, accumulate: false)
            propagate(propagatedGradient, into: spare, width: layer.input, batch: batch, transposed: true)
            if let s = layer.selfWeights {
                DenseKernels.multiplyTransposed(dz, p + s, into: spare, rows: nodes, inner: layer.input, columns: layer.output, accumulate: true)
            }
            swap(&dh, &spare)
        }
    }

    /// `out = P·x`, or `Pᵀ·x` when `transposed` (each entry adds the other way).
    private func propagate(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, width: Int,
                           batch: GraphSet.Batch, transposed: Bool) {
        DenseKernels.gatherRows(x, width: width, entries: transposed ? batch.bySource : batch.byTarget, into: out,
                                rows: batch.nodes)
    }

    private func readout(_ batch: GraphSet.Batch) {
        let width = architecture.embeddingWidth
        let h = nodeActivations[architecture.layers.count], g = headActivations[0]
        for (k, start) in batch.graphNodeStart.enumerated() {
            let count = batch.graphNodeCount[k]
            let row = g + k * width
            switch architecture.readout {
            case .mean:
                row.update(repeating: 0, count: width)
                for v in start..<(start + count) {
                    let hv = h + v * width
                    for j in 0..<width { row[j] += hv[j] }
                }
                let scale = 1 / Float(count)
                for j in 0..<width { row[j] *= scale }
            case .max:
                for j in 0..<width {
                    var best = start
                    // Ties go to the first node, so the winner is deterministic.
                    for v in (start + 1)..<max(start + count, start + 1) where h[v * width + j] > h[best * width + j] { best = v }
                    row[j] = h[best * width + j]
                    winners[k * width + j] = best
                }
            }
        }
    }

    private func readoutBackward(_ batch: GraphSet.Batch, into dh: UnsafeMutablePointer<Float>) {
        let width = architecture.embeddingWidth
        dh.update(repeating: 0, count: batch.nodes * width)
        for (k, start) in batch.graphNodeStart.enumerated() {
            let count = batch.graphNodeCount[k]
            let dg = embeddingGradient + k * width
            switch architecture.readout {
            case .mean:
                let scale = 1 / Float(count)
                for v in start..<(start + count) {
                    let row = dh + v * width
                    for j in 0..<width { row[j] += dg[j] * scale }
                }
            case .max:
                for j in 0..<width { dh[winners[k * width + j] * width + j] += dg[j] }
            }
        }
    }
}
