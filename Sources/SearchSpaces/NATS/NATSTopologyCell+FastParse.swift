extension NATSTopologyCell {
    private static let opBytes: [[UInt8]] = NATSOp.allCases.map { Array($0.name.utf8) }

    /// Parses a well-formed arch string straight from its UTF-8 bytes without allocating;
    /// nil for anything else. The query hot path uses this and falls back to
    /// `init(archString:)` only to explain a failure.
    ///
    /// - Complexity: O(length)
    public static func parseFast(_ text: String) -> NATSTopologyCell? {
        var text = text
        return text.withUTF8 { bytes -> NATSTopologyCell? in
            var p = 0
            let n = bytes.count
            var code = 0
            var power = 1
            @inline(__always) func expect(_ c: UInt8) -> Bool {
                guard p < n, bytes[p] == c else { return false }
                p += 1
                return true
            }
            for node in 0..<3 {
                if node > 0 && !expect(UInt8(ascii: "+")) { return nil }
                if !expect(UInt8(ascii: "|")) { return nil }
                for source in 0...node {
                    var end = p
                    while end < n && bytes[end] != UInt8(ascii: "~") { end += 1 }
                    let length = end - p
                    var matched = -1
                    for (k, name) in opBytes.enumerated() where name.count == length {
                        var same = true
                        for i in 0..<length where bytes[p + i] != name[i] { same = false; break }
                        if same { matched = k; break }
                    }
                    guard matched >= 0 else { return nil }
                    p = end
                    guard expect(UInt8(ascii: "~")), expect(UInt8(ascii: "0") + UInt8(source)), expect(UInt8(ascii: "|")) else { return nil }
                    code += matched * power
                    power *= 5
                }
            }
            return p == n ? NATSTopologyCell(code: code) : nil
        }
    }
}
