import NASCore
import SearchSpaces
import Testing

/// `architecture(describedBy:)` reads back exactly what `describe` writes, for every space
/// that offers it, and refuses with a message elsewhere.
@Suite struct DescriptionReadingTests {
    /// 200 random architectures of `space`, written and read back.
    func roundTrips<S: SearchSpace>(_ space: S) throws {
        #expect(space.readsDescriptions, "\(space.name)")
        var rng = Xoshiro256StarStar(seed: 2026)
        for _ in 0..<200 {
            let architecture = space.sample(using: &rng)
            #expect(try space.architecture(describedBy: space.describe(architecture)) == architecture, "\(space.name)")
        }
    }

    @Test("NATS topology, NATS size, FBNet, OFA-MobileNetV3, OFA-ResNet50, HAT and NCF read their written form back")
    func writtenFormsRoundTrip() throws {
        try roundTrips(NATSTopologySpace())
        try roundTrips(NATSSizeSpace())
        try roundTrips(FBNetSpace())
        try roundTrips(OFAMobileNetV3Space())
        try roundTrips(OFAResNet50Space())
        try roundTrips(HATTransformerSpace())
        try roundTrips(NCFSpace())
    }

    @Test("a real NATS-Bench string reads as its cell; a bad one is refused with the reason")
    func natsStrings() throws {
        let space = NATSTopologySpace()
        let cell = try space.architecture(describedBy: "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|")
        #expect(space.genes(of: cell) == [3, 3, 3, 1, 3, 3])
        #expect(throws: SearchSpaceError.self) { try space.architecture(describedBy: "|conv~0|+|") }
    }

    @Test("NB101 is named by genes only, and says so")
    func nb101RefusesStrings() {
        let space = NB101Space()
        #expect(!space.readsDescriptions)
        let error = #expect(throws: SearchSpaceError.self) { try space.architecture(describedBy: "0123456789abcdef0123456789abcdef") }
        #expect(error?.message == "nb101 architectures are named by genes only; this space cannot read its written form")
    }
}
