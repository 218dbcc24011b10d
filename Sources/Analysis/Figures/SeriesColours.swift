/// One colour per algorithm across every figure of the project: the demo's, fig5's and
/// fig9's LINAS is the same blue, and NSGA-II the same vermillion.
///
/// ```swift
/// var style = FigureStyle.paper
/// style.palette = SeriesColours.palette(for: ["random", "nsga2", "linas"])   // black, vermillion, blue
/// ```
///
/// The project's main algorithms, by label, keep fixed Okabe–Ito colours (colour-blind
/// safe). Any other label gets a colour from Paul Tol's "muted" scheme picked by a hash of
/// the label, so it too is the same in every figure; when two labels of one figure hash to
/// one colour, the later takes the next free one.
public enum SeriesColours {
    /// The fixed colours, by label. Okabe–Ito's yellow is left out: it nearly vanishes on white.
    public static let fixed: [String: String] = [
        "linas": "#0072B2",          // blue
        "nsga2": "#D55E00",          // vermillion
        "random": "#000000",         // black
        "aging": "#009E73",          // bluish green
        "ga": "#E69F00",             // orange
        "nas-ea-fa-v2": "#CC79A7",   // reddish purple
        "motpe": "#56B4E9",          // sky blue
    ]

    /// Paul Tol's "muted" qualitative scheme, for every other label.
    public static let others = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
                                "#DDCC77", "#CC6677", "#882255", "#AA4499"]

    /// The colours of `labels`, in order: a palette for ``FigureStyle``.
    public static func palette(for labels: [String]) -> [String] {
        var used = Set(labels.compactMap { fixed[$0] })
        return labels.map { label in
            if let colour = fixed[label] { return colour }
            var k = Int(hash(label) % UInt64(others.count))
            for _ in others.indices where used.contains(others[k]) { k = (k + 1) % others.count }
            used.insert(others[k])
            return others[k]
        }
    }

    /// FNV-1a of the label's UTF-8 bytes: fixed across runs and platforms, unlike `hashValue`.
    static func hash(_ label: String) -> UInt64 {
        label.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
