import NASCore
import Testing
@testable import SearchSpaces

@Suite struct FBNetSpaceTests {
    @Test func helpOpIndexListAndArchStringAgree() throws {
        let space = FBNetSpace()
        let x = try space.architecture(opIndexList: "7-8-1-8-4-8-8-8-7-4-1-4-7-3-2-7-3-2-4-2-4-5")
        #expect(space.describe(x) == "k5_e6|skip|k3_e1_g2|skip|k5_e1|skip|skip|skip|k5_e6|k5_e1|k3_e1_g2|k5_e1|k5_e6|k3_e6|k3_e3|k5_e6|k3_e6|k3_e3|k5_e1|k3_e3|k5_e1|k5_e1_g2")
        #expect(try space.architecture(archString: space.describe(x)) == x)
        #expect(space.features(of: x).count == 198)
        #expect(throws: GeneError.self) { try space.architecture(opIndexList: "7-9") }
        #expect(throws: GeneError.self) { try space.architecture(opIndexList: Array(repeating: "9", count: 22).joined(separator: "-")) }
    }
}
