import HDF5Kit
import Testing

/// XXH64 against xxHash's reference digests, one shot and streamed.
@Suite struct XXH64Tests {
    @Test("XXH64 gives the reference digests (xxHash's spec; python-xxhash 3.x)", arguments: [
        ("", UInt64(0xEF46_DB37_51D8_E999)), ("a", 0xD24E_C4F1_A98C_6E5B), ("abc", 0x44BC_2CF5_AD77_0999),
        ("Nobody inspects the spammish repetition", 0xFBCE_A83C_8A37_8BF1),
    ])
    func xxh64MatchesTheReference(text: String, digest: UInt64) {
        #expect(Array(text.utf8).withUnsafeBytes { XXH64.hash($0) } == digest)
    }

    @Test("XXH64 fed in pieces equals one shot (1,280 bytes: bytes 0…255 five times)")
    func xxh64StreamsInPieces() {
        let bytes = Array((0..<1_280).map { UInt8($0 % 256) })
        #expect(bytes.withUnsafeBytes { XXH64.hash($0) } == 0xAFC1_84AD_7938_A354)
        for piece in [1, 7, 31, 32, 33, 500] {
            var h = XXH64()
            var i = 0
            while i < bytes.count {
                let end = min(i + piece, bytes.count)
                bytes[i..<end].withUnsafeBytes { h.update($0) }
                i = end
            }
            #expect(h.finalize() == 0xAFC1_84AD_7938_A354, "pieces of \(piece)")
        }
    }
}
