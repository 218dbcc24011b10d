import Foundation
import Synchronization

/// A progress bar with an ETA on a terminal; plain lines every 10 % otherwise (CI logs).
final class Progress: Sendable {
    private struct State {
        var done = 0
        var lastPrintedDecile = -1
        var lastDraw: UInt64 = 0
    }
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let isTerminal: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private let state = Mutex(State())

    init(total: Int, label: String, enabled: Bool) {
        self.total = total
        self.label = label
        self.enabled = enabled && total > 0
        self.isTerminal = isatty(STDERR_FILENO) != 0
    }

    func advance() {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let line: String? = state.withLock { s in
            s.done += 1
            let elapsed = Double(now - start) * 1e-9
            let eta = s.done > 0 ? elapsed / Double(s.done) * Double(total - s.done) : 0
            if isTerminal {
                guard s.done == total || now - s.lastDraw > 100_000_000 else { return nil }
                s.lastDraw = now
                let width = 30
                let filled = width * s.done / total
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                return "\r\(label) [\(bar)] \(s.done)/\(total) trials  \(Self.clock(elapsed)) elapsed  ETA \(Self.clock(eta))" + (s.done == total ? "\n" : "")
            }
            let decile = 10 * s.done / total
            guard decile > s.lastPrintedDecile else { return nil }
            s.lastPrintedDecile = decile
            return "\(label): \(s.done)/\(total) trials (\(decile * 10)%), \(Self.clock(elapsed)) elapsed, ETA \(Self.clock(eta))\n"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%dh%02dm", s / 3600, s / 60 % 60) : s >= 60 ? String(format: "%dm%02ds", s / 60, s % 60) : "\(s)s"
    }
}
