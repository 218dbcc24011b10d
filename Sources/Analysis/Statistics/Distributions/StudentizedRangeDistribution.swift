import Foundation

/// The studentized range distribution with infinite degrees of freedom: the range of k
/// independent standard normal variables. It is the reference distribution of the
/// Nemenyi post-hoc test.
///
/// ```swift
/// let p = StudentizedRangeDistribution.sf(3.314, groups: 4)  // scipy studentized_range.sf(3.314, 4, inf)
/// ```
///
/// P(Q ≤ q) = k ∫ φ(z) [Φ(z) − Φ(z − q)]^{k−1} dz (Tukey 1953; Lund & Lund, Appl. Stat.
/// 32, 1983), integrated by composite 10-point Gauss–Legendre over z ∈ [−10, 10], outside
/// which φ is below 1e-22. Finite degrees of freedom (a double integral) are not needed
/// for Nemenyi's test and are not provided.
///
/// - Complexity: O(1): 2,000 integrand evaluations.
public enum StudentizedRangeDistribution {
    public static func cdf(_ q: Double, groups k: Int) -> Double {
        guard k >= 2, !q.isNaN else { return .nan }
        if q <= 0 { return 0 }
        if q.isInfinite { return 1 }
        let lower = -10.0, upper = 10.0, panels = 200
        let width = (upper - lower) / Double(panels)
        var total = 0.0
        for panel in 0..<panels {
            let center = lower + (Double(panel) + 0.5) * width
            var panelSum = 0.0
            for (node, weight) in zip(gaussLegendreNodes, gaussLegendreWeights) {
                for z in [center - node * width / 2, center + node * width / 2] {
                    let inside = NormalDistribution.cdf(z) - NormalDistribution.cdf(z - q)
                    panelSum += weight * NormalDistribution.pdf(z) * pow(max(inside, 0), Double(k - 1))
                }
            }
            total += panelSum * width / 2
        }
        return min(1, max(0, Double(k) * total))
    }

    public static func sf(_ q: Double, groups k: Int) -> Double {
        guard k >= 2, !q.isNaN else { return .nan }
        return min(1, max(0, 1 - cdf(q, groups: k)))
    }

    // Positive nodes and weights of the 10-point Gauss–Legendre rule on [−1, 1].
    static let gaussLegendreNodes: [Double] = [
        0.1488743389816312108848260, 0.4333953941292471907992659, 0.6794095682990244062343274,
        0.8650633666889845107320967, 0.9739065285171717200779640,
    ]
    static let gaussLegendreWeights: [Double] = [
        0.2955242247147528701738930, 0.2692667193099963550912269, 0.2190863625159820439955349,
        0.1494513491505805931457763, 0.0666713443086881375935688,
    ]
}
