import NASCore
import Testing
@testable import SearchSpaces

/// The strict dict-literal parser behind `OFAMobileNetV3Space.architecture(parsing:)` and the
/// DyNAS-T importer.
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
