import NASCore
import Testing
@testable import SearchSpaces

@Suite struct HATTransformerSpaceTests {
    static let text = "{'encoder_embed_dim': [640], 'decoder_embed_dim': [512], 'encoder_ffn_embed_dim': [3072, 2048, 1024, 3072, 2048, 1024], 'decoder_ffn_embed_dim': [1024, 2048, 3072, 3072, 3072, 3072], 'decoder_layer_num': [2], 'encoder_self_attention_heads': [8, 4, 8, 4, 8, 4], 'decoder_self_attention_heads': [4, 8, 8, 8, 8, 8], 'decoder_ende_attention_heads': [8, 4, 4, 4, 4, 4], 'decoder_arbitrary_ende_attn': [-1, 2, 1, 1, 1, 1]}"

    @Test func dynastEncodingHas39GenesWithDescendingOptions() throws {
        let space = HATTransformerSpace()
        #expect(space.geneBounds.count == 39)
        let x = try space.architecture(parsing: Self.text)
        #expect(x.genes[0] == 0 && x.genes[1] == 1)   // 640 is index 0, 512 index 1
        #expect(x.genes[14] == 4)                      // decoder_layer_num 2: options 6, 5, 4, 3, 2, 1
        #expect(space.decoderLayers(x) == 2)
        #expect(space.describe(x) == Self.text)
        #expect(space.features(of: x).count == 2 + 2 + 18 + 18 + 6 + 12 + 12 + 12 + 18)
    }

    @Test func customFeaturesZeroDecoderLayersBeyondTheDepthAndMapArbitraryAttention() throws {
        let space = HATTransformerSpace(features: .depthMasked)
        let x = try space.architecture(parsing: Self.text)
        let raw = space.customFeatures(of: x)
        #expect(raw.count == 39)
        #expect(raw[0] == 640 && raw[13] == 512 && raw[14] == 2)
        #expect(Array(raw[15..<21]) == [1024, 2048, 0, 0, 0, 0])
        #expect(Array(raw[33..<39]) == [1, 3, 0, 0, 0, 0])
        let f = space.features(of: x)
        #expect(f.count == 120)
        #expect(f.reduce(0, +) == 39)
    }
}

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

@Suite struct PythonDictLiteralTests {
    @Test func reprSubsetParsesAndAnythingElseIsRejected() throws {
        let d = try PythonDictLiteral.parse("{'a': None, 'b': [1, -2.5, 3e2], \"c\": 'x', 'd': True,}")
        #expect(d.map(\.key) == ["a", "b", "c", "d"])
        #expect(d[1].value.numbers == [1, -2.5, 300])
        for bad in ["", "{", "{'a': 1", "{'a' 1}", "{a: 1}", "{'a': __import__('os')}", "{'a': 1} x", "{'a': 1, 'a': 2}", "{'a': [1, 2}", "{'a': +1}", "{'a': nan}"] {
            #expect(throws: GeneError.self, "\(bad)") { try PythonDictLiteral.parse(bad) }
        }
    }

    @Test func randomMutationsOfAValidDictNeverCrash() {
        // Property: any byte edit of a valid literal either parses or throws GeneError.
        let valid = Array(OFAMobileNetV3SpaceTests.text.utf8)
        var rng = Xoshiro256StarStar(seed: 99)
        let alphabet = Array("{}[]':,-. 0123456789NoneTrueabc\"".utf8)
        for _ in 0..<2_000 {
            var bytes = valid
            for _ in 0..<(1 + rng.nextInt(below: 3)) {
                let i = rng.nextInt(below: bytes.count)
                switch rng.nextInt(below: 3) {
                case 0: bytes[i] = alphabet[rng.nextInt(below: alphabet.count)]
                case 1: bytes.remove(at: i)
                default: bytes.insert(alphabet[rng.nextInt(below: alphabet.count)], at: i)
                }
            }
            _ = try? OFAMobileNetV3Space().architecture(parsing: String(decoding: bytes, as: UTF8.self))
        }
    }
}
