import NASCore
import Testing
@testable import SearchSpaces

@Suite struct NCFSpaceTests {
    @Test func tenGenesAndMaskedHiddenLayers() throws {
        let space = NCFSpace(features: .depthMasked)
        #expect(space.geneBounds.count == 10)
        let x = try space.architecture(parsing: "{'num_factors_gmf': [64], 'num_factors_mlp_users': [32], 'num_factors_mlp_items': [8], 'num_layers': [3], 'hidden_sizes': [256, 128, 64, 8, 8, 8]}")
        #expect(x.genes == [3, 2, 0, 2, 5, 4, 3, 0, 0, 0])
        #expect(space.features(of: x).count == 69)
        #expect(space.features(of: x).reduce(0, +) == 7)
        #expect(NCFSpace().features(of: x).reduce(0, +) == 10)
        #expect(throws: GeneError.unknownField("layers", known: "num_factors_gmf, num_factors_mlp_users, num_factors_mlp_items, num_layers, hidden_sizes")) {
            try space.architecture(parsing: "{'layers': [3]}")
        }
    }
}
