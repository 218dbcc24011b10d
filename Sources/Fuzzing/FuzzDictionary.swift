/// Tokens the mutator inserts: the words of the seeds themselves (keys, names, numbers),
/// and values that sit on the edges of what the readers accept.
///
/// ```swift
/// FuzzDictionary.tokens(for: .spec, seeds: specs)   // "[[algorithm]]", "evaluations", "2^63", …
/// ```
public enum FuzzDictionary {
    static let edges = [
        "-1", "0", "1e309", "-1e309", "nan", "NaN", "inf", "-inf", "1e-320", "4294967296", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1000000000", "0x7fffffff", "1_000",
        "\"", "\"\"", "'", "\"\"\"", "'''", "\\", "\\u0000", "\n", "\r\n", "\r", "\t", ",", ",,", "#", "=", "[", "]", "[[", "]]",
        "{", "}", ".", "..", "../", "/", "/etc/passwd", "\u{FEFF}", "\u{00}", "é", "\u{202E}",
    ]
    static let specWords = ["[benchmark]", "[budget]", "[[algorithm]]", "[algorithm.inner]", "inner = {", "sweep", "checkpoints = [",
                            "objectives = [", "evaluations", "trials", "seed", "name", "type", "variant", "population", "predictor",
                            "off_table", "report", "cost", "skip_duplicates", "generations", "threads"]

    /// At most 400 tokens: the edges, then the seeds' distinct words in first-seen order.
    public static func tokens(for target: FuzzTarget, seeds: [[UInt8]]) -> [[UInt8]] {
        var tokens = edges + (target == .spec ? specWords : [])
        var seen = Set(tokens)
        let separators: Set<UInt8> = [0x20, 0x0a, 0x0d, 0x09, 0x2c, 0x3d, 0x22]   // space, newlines, tab, ',', '=', '"'
        if target != .table, target != .tableResealed {
            for seed in seeds {
                for word in seed.split(whereSeparator: { separators.contains($0) }) where word.count <= 40 {
                    let text = String(decoding: word, as: UTF8.self)
                    if tokens.count < 400, seen.insert(text).inserted { tokens.append(text) }
                }
            }
        }
        return tokens.map { Array($0.utf8) }
    }
}
