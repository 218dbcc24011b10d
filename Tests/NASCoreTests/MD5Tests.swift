import Testing
import NASCore

@Suite struct MD5Tests {
    /// The seven test vectors of RFC 1321, appendix A.5.
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890",
         "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func rfc1321TestSuite(message: String, expected: String) {
        #expect(MD5.hex(message) == expected)
    }

    /// Lengths 55, 56, 63, 64 and 65 straddle the one-or-two padding blocks boundary.
    @Test func paddingBoundaries() {
        // Known digests of "a" repeated n times (Python hashlib).
        let cases: [(Int, String)] = [
            (55, "ef1772b6dff9a122358552954ad0df65"),
            (56, "3b0c8ac703f828b04c6c197006d17218"),
            (63, "b06521f39153d618550606be297466d5"),
            (64, "014842d480b571495a4a0363793f7367"),
            (65, "c743a45e0d2e6a95cb859adae0248435"),
        ]
        for (n, expected) in cases {
            #expect(MD5.hex(String(repeating: "a", count: n)) == expected, "length \(n)")
        }
    }

    @Test func digestOrderMatchesHexOrderAndHexRoundTrips() {
        let digests = (0..<200).map { MD5.digest(Array("x\($0)".utf8)) }
        for d in digests { #expect(MD5Digest(hex: d.hex) == d) }
        #expect(digests.sorted().map(\.hex) == digests.map(\.hex).sorted())
        #expect(MD5Digest(hex: "xyz") == nil)
        #expect(MD5Digest(hex: String(repeating: "0", count: 33)) == nil)
        #expect(MD5Digest(hex: "D41D8CD98F00B204E9800998ECF8427E")?.hex == "d41d8cd98f00b204e9800998ecf8427e")
    }

    /// The padded and two-at-a-time paths agree with the one-shot digest for every pair of
    /// lengths 0…200 in steps of 7 (unequal block counts included).
    @Test func paddedAndInterleavedDigestsAgreeWithOneShot() {
        let lengths = Array(stride(from: 0, through: 200, by: 7))
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 2 * 512, alignment: 16)
        defer { buffer.deallocate() }
        for la in lengths {
            for lb in lengths {
                let a = (0..<la).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
                let b = (0..<lb).map { UInt8(truncatingIfNeeded: $0 &* 17 &+ 3) }
                a.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(buffer), byteCount: la) }
                b.withUnsafeBytes { (buffer + 512).copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(buffer), byteCount: lb) }
                let na = MD5.pad(buffer, length: la), nb = MD5.pad(buffer + 512, length: lb)
                let (da, db) = MD5.digests(padded: buffer, blocks: na, buffer + 512, blocks: nb)
                #expect(da == MD5.digest(a))
                #expect(db == MD5.digest(b))
                #expect(MD5.digest(padded: buffer, blocks: na) == MD5.digest(a))
            }
        }
    }
}
