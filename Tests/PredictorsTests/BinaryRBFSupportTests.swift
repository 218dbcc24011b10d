import Foundation
import Testing
@testable import Predictors

/// One-hot rows take the bit-count road to libsvm's prediction (`BinaryRBFSupport`); it
/// must give libsvm's values bit for bit: Σ β_s exp(−γ Σ(x−sv)²) in support order, − ρ.
@Suite struct BinaryRBFSupportTests {
    /// libsvm's prediction the long way, from `Kernel.predictionValue`.
    func libsvmPrediction(_ svr: EpsilonSVR, _ row: ArraySlice<Double>) -> Double {
        var sum = 0.0
        for s in 0..<svr.supportVectors.rows {
            sum += svr.dualCoefficients[s] * svr.kernel!.predictionValue(row, svr.supportVectors.row(s))
        }
        return sum - svr.rho
    }

    /// 140 features (three 64-bit words): 35 genes one-hot over 4 values, as OFA's encoding.
    func oneHot(_ genes: [Int]) -> [Double] {
        var row = [Double](repeating: 0, count: genes.count * 4)
        for (g, v) in genes.enumerated() { row[g * 4 + v] = 1 }
        return row
    }

    @Test("one-hot rows predict bit for bit as libsvm's sum; other rows take the general road")
    func oneHotPredictionsAreLibsvms() throws {
        var state: UInt64 = 12345
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        let training = (0..<120).map { _ in (0..<35).map { _ in next(4) } }
        let x = try Matrix(rows: training.map(oneHot))
        let y = training.map { genes in Double(genes.reduce(0, +)) + Double(genes[0] * genes[1]) }
        var svr = EpsilonSVR(kernel: .rbf(gamma: .auto), c: 5, epsilon: 0)
        try svr.fit(x, y)
        #expect(svr.supportVectors.rows > 50)
        #expect(svr.binarySupport != nil, "the one-hot support is packed, so the rows below take the bit-count road")

        var rows = (0..<200).map { _ in oneHot((0..<35).map { _ in next(4) }) }
        rows.append(oneHot(training[7]))               // a support vector itself: distance 0
        var scaled = oneHot(training[3]); scaled[5] = 0.5
        rows.append(scaled)                             // not 0/1: the general road
        var negativeZero = oneHot(training[9]); negativeZero[2] = -0.0
        rows.append(negativeZero)                       // −0 is a 0
        let test = try Matrix(rows: rows)
        let predicted = try svr.predict(test)
        for r in 0..<test.rows {
            #expect(predicted[r].bitPattern == libsvmPrediction(svr, test.row(r)).bitPattern, "row \(r)")
        }
    }

    @Test("the packed support exists only for an all-0/1 support")
    func onlyBinarySupportsArePacked() throws {
        #expect(BinaryRBFSupport(support: try Matrix(rows: [[0, 1, 1], [1, 0, 0]]), gamma: 0.5) != nil)
        #expect(BinaryRBFSupport(support: try Matrix(rows: [[0, 1, 2], [1, 0, 0]]), gamma: 0.5) == nil)
        let packed = try #require(BinaryRBFSupport(support: try Matrix(rows: [[0, 1, 1], [1, 0, 0]]), gamma: 0.5))
        #expect(packed.kernelByDistance == [exp(-0.5 * 0), exp(-0.5 * 1), exp(-0.5 * 2), exp(-0.5 * 3)])
    }
}
