import Foundation

/// Median wall time of `repetitions` runs of `body`, in seconds.
func medianSeconds(repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }
    times.sort()
    return times[times.count / 2]
}

/// Keeps the optimiser from deleting work whose result is otherwise unused.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

func formatRate(_ perSecond: Double) -> String {
    if perSecond >= 1e6 { return String(format: "%.1f M/s", perSecond / 1e6) }
    if perSecond >= 1e3 { return String(format: "%.1f k/s", perSecond / 1e3) }
    return String(format: "%.1f /s", perSecond)
}

func formatSeconds(_ s: Double) -> String {
    if s < 1e-3 { return String(format: "%.1f µs", s * 1e6) }
    if s < 1 { return String(format: "%.2f ms", s * 1e3) }
    return String(format: "%.2f s", s)
}
