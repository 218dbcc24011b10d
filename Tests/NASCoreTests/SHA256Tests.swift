import Foundation
import Testing
@testable import NASCore

@Suite struct SHA256Tests {
    @Test func fipsTestVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func incrementalUpdatesEqualOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var h = SHA256()
        h.update(bytes[0..<3]); h.update(bytes[3..<130]); h.update(bytes[130...])
        #expect(h.finalizeHex() == SHA256.hex(bytes))
    }

    @Test func matchesPublishedChecksumOfSharedData() throws {
        let path = SharedFolder.path("data/nats-tss/nats_tss_15625.csv.gz", near: #filePath)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(SHA256.hex([UInt8](data)) == "87f44e718fbfaa931a7183d892df6d74b1213287603f3a9bcd8c112eac9724a5")
    }
}
