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
