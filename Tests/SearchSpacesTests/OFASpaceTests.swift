import NASCore
import Testing
@testable import SearchSpaces

@Suite struct OFAMobileNetV3SpaceTests {
    static let text = "{'wid': None, 'ks': [5, 7, 5, 5, 3, 3, 3, 7, 5, 5, 3, 7, 7, 3, 3, 3, 5, 5, 5, 5], 'e': [4, 3, 4, 4, 4, 6, 3, 4, 4, 3, 4, 3, 3, 6, 6, 6, 4, 3, 4, 4], 'd': [2, 3, 2, 4, 3], 'r': [224]}"

    @Test func dynastEncodingHas45GenesInKsEDOrder() throws {
        let space = OFAMobileNetV3Space()
        #expect(space.geneBounds.count == 45)
        #expect(space.geneBounds.allSatisfy { $0 == 0...2 })
        let x = try space.architecture(parsing: Self.text)
        #expect(Array(x.genes[0..<4]) == [1, 2, 1, 1])      // ks 5, 7, 5, 5
        #expect(Array(x.genes[20..<23]) == [1, 0, 1])       // e 4, 3, 4
        #expect(Array(x.genes[40..<45]) == [0, 1, 0, 2, 1]) // d 2, 3, 2, 4, 3
        #expect(space.describe(x) == Self.text)
    }

    @Test func featuresAreGenericOneHotOrDyNASTDepthMaskedCustom() throws {
        let x = try OFAMobileNetV3Space().architecture(parsing: Self.text)
        let generic = OFAMobileNetV3Space().features(of: x)
        #expect(generic.count == 135)
        #expect(generic.reduce(0, +) == 45)
        let masked = OFAMobileNetV3Space(features: .depthMasked).features(of: x)
        #expect(masked.count == 120)
        // Active blocks: d = 2, 3, 2, 4, 3 of 4 per stage = 14; each has one ks and one e bit.
        #expect(masked.reduce(0, +) == 28)
        #expect(masked[3 * 2 ..< 3 * 4].allSatisfy { $0 == 0 })   // stage 0, blocks 2 and 3 off
        #expect(masked[3] == 0 && masked[4] == 0 && masked[5] == 1) // block 1: ks 7
    }

    @Test func badGeneVectorsAndConfigsGiveOneLineErrorsNamingTheField() {
        let space = OFAMobileNetV3Space()
        #expect(throws: GeneError.wrongGeneCount(expected: 45, got: 44, layout: "ks×20, e×20, d×5")) {
            try space.architecture(validating: Array(repeating: 0, count: 44))
        }
        var genes = Array(repeating: 0, count: 45)
        genes[23] = 3
        do { _ = try space.architecture(validating: genes); Issue.record("accepted") } catch {
            #expect(error.description == "gene 23 (e[3]) is 3; it must be an option index 0…2 (options 3, 4, 6)")
        }
        let wrongLength = Self.text.replacingOccurrences(of: "'d': [2, 3, 2, 4, 3]", with: "'d': [2, 3, 2, 4]")
        #expect(throws: GeneError.wrongLength(field: "d", expected: 5, got: 4)) { try space.architecture(parsing: wrongLength) }
        let notOption = Self.text.replacingOccurrences(of: "'ks': [5, 7,", with: "'ks': [5, 9,")
        #expect(throws: GeneError.notAnOption(field: "ks[1]", value: "9", options: "3, 5, 7")) { try space.architecture(parsing: notOption) }
        #expect(throws: GeneError.self) { try space.architecture(parsing: "{'ks': [3], ") }
        #expect(throws: GeneError.self) { try space.architecture(parsing: Self.text.replacingOccurrences(of: "'r': [224]", with: "'r': [192]")) }
        #expect(throws: GeneError.missingField("e")) {
            try space.architecture(parsing: "{'wid': None, 'ks': [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 'd': [2, 2, 2, 2, 2]}")
        }
    }

    @Test func helpColumnsParseWithTheResolutionGene() throws {
        let space = OFAMobileNetV3Space(resolutions: OFAMobileNetV3Space.helpResolutions)
        #expect(space.geneBounds.count == 46)
        let x = try space.architecture(helpKs: "7-5-5-5-7-7-5-7-5-7-3-7-5-3-7-3-5-3-5-3", e: "6-4-4-6-6-3-4-3-3-6-3-3-3-6-3-4-6-4-3-6", d: "2-2-2-2-3", r: "204")
        #expect(space.resolution(x) == 204)
        #expect(space.helpColumns(of: x).d == "2-2-2-2-3")
        #expect(space.features(of: x).count == 160)
        #expect(throws: GeneError.self) { try space.architecture(helpKs: "7-5", e: "6", d: "2", r: "204") }
        #expect(throws: GeneError.self) { try space.architecture(helpKs: "7-5-5-5-7-7-5-7-5-7-3-7-5-3-7-3-5-3-5-3", e: "6-4-4-6-6-3-4-3-3-6-3-3-3-6-3-4-6-4-3-6", d: "2-2-2-2-3", r: "205") }
        // The DyNAS-T dict of a HELP space carries r.
        #expect(try space.architecture(parsing: space.describe(x)) == x)
    }

    @Test func samplingIsUniformPerGeneAndOneGeneMutationChangesExactlyOneGene() {
        let space = OFAMobileNetV3Space()
        var rng = Xoshiro256StarStar(seed: 5)
        var counts = [0, 0, 0]
        for _ in 0..<3_000 {
            let x = space.sample(using: &rng)
            counts[x.genes[44]] += 1
            let y = space.mutate(x, using: &rng)
            #expect(zip(x.genes, y.genes).filter { $0 != $1 }.count == 1)
        }
        #expect(counts.allSatisfy { abs($0 - 1_000) < 120 })
    }

    @Test func mutationVariantsParse() throws {
        #expect(try GeneMutation(parsing: "one-gene") == .oneGene)
        #expect(try GeneMutation(parsing: "per-gene") == .perGene(probability: nil))
        #expect(try GeneMutation(parsing: "per-gene:0.1") == .perGene(probability: 0.1))
        #expect(throws: SearchSpaceError.self) { try GeneMutation(parsing: "per-gene:2") }
        #expect(try FeatureEncoding(parsing: "depth-masked") == .depthMasked)
        #expect(throws: SearchSpaceError.self) { try FeatureEncoding(parsing: "onehot") }
    }
}

@Suite struct OFAResNet50SpaceTests {
    @Test func dynastEncodingHas29GenesAnd87OneHotFeatures() throws {
        let space = OFAResNet50Space()
        #expect(space.geneBounds.count == 29)
        var rng = Xoshiro256StarStar(seed: 1)
        let x = space.sample(using: &rng)
        #expect(space.features(of: x).count == 87)
        #expect(try space.architecture(parsing: space.describe(x)) == x)
        #expect(space.describe(x).contains("'e': [0."))
    }

    @Test func depthMaskZeroesTheExpandRatiosOfSkippedBlocks() throws {
        // d = [0, 0, 0, 0, 0]: stages run 2, 2, 4, 2 of 4, 4, 6, 4 blocks = 10 active.
        let genes = Array(repeating: 0, count: 29)
        let space = OFAResNet50Space(features: .depthMasked)
        let x = try space.architecture(validating: genes)
        #expect((0..<18).filter { space.isActive(block: $0, in: x) } == [0, 1, 4, 5, 8, 9, 10, 11, 14, 15])
        let total: Double = space.features(of: x).reduce(0, +)
        #expect(total == 21)   // 5 d + 10 active e + 6 w
    }
}
