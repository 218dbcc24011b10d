import NASCore
import SearchSpaces
import Testing

/// Every space names each gene, and where it lists choices, one per integer value.
@Suite struct GeneNamesTests {
    func check<S: SearchSpace>(_ space: S, choices expected: Bool) {
        #expect(space.geneNames.count == space.geneBounds.count, "\(space.name)")
        #expect(Set(space.geneNames).count == space.geneNames.count, "\(space.name): names repeat")
        guard let choices = space.geneChoices else { #expect(!expected, "\(space.name) lists no choices"); return }
        #expect(choices.count == space.geneBounds.count, "\(space.name)")
        for (gene, bounds) in space.geneBounds.enumerated() {
            #expect(choices[gene].count == bounds.count, "\(space.name) gene \(gene)")
        }
    }

    @Test("names and choices line up with the gene bounds of every space")
    func namesAndChoicesLineUp() {
        check(NATSTopologySpace(), choices: true)
        check(NATSSizeSpace(), choices: true)
        check(NB101Space(), choices: true)
        check(FBNetSpace(), choices: true)
        check(OFAMobileNetV3Space(), choices: true)
        check(OFAResNet50Space(), choices: true)
        check(HATTransformerSpace(), choices: true)
        check(NCFSpace(), choices: true)
    }

    @Test("the written values are the spaces' own: NATS ops, NATS channels, OFA kernel sizes")
    func writtenValues() {
        #expect(NATSTopologySpace().geneNames == ["1<-0", "2<-0", "2<-1", "3<-0", "3<-1", "3<-2"])
        #expect(NATSTopologySpace().geneChoices?[2] == ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"])
        #expect(NATSSizeSpace().geneChoices?[4] == ["8", "16", "24", "32", "40", "48", "56", "64"])
        let ofa = OFAMobileNetV3Space()
        #expect(ofa.geneNames.first == "ks[0]" && ofa.geneChoices?.first == ["3", "5", "7"])
        #expect(NB101Space().geneNames[5] == "edge 0->6" && NB101Space().geneChoices?.last == ["conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3"])
    }
}
