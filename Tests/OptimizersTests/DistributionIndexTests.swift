import Foundation
import NASCore
import Testing
@testable import Optimizers

/// The fast powers behind SBX (η = 15) and PM (η = 20) agree with `pow`.
@Suite struct DistributionIndexTests {
    @Test(arguments: [15.0, 20.0, 2.5, 0.0, 31.0])
    func powersAgreeWithPow(eta: Double) {
        let index = DistributionIndex(eta)
        var rng = Xoshiro256StarStar(seed: 71)
        for _ in 0..<10_000 {
            let x = rng.nextUnit() * 3
            let p = pow(x, eta + 1), r = pow(x, 1 / (eta + 1))
            #expect(abs(index.power(x) - p) <= 1e-13 * max(1, p))
            #expect(abs(index.root(x) - r) <= 1e-14 * max(1, r))
        }
        #expect(index.root(0) == 0 && index.power(1) == 1)
    }
}
