/// Errors from building or drawing a figure. Each description is one line.
public enum FigureError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case invalidData(figure: String, reason: String)
    case gnuplotMissing(csv: String, script: String)
    case gnuplotFailed(script: String, status: Int32, message: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidName(name):
            return "figure name \"\(name)\" must be non-empty and use only letters, digits, '.', '_' and '-'"
        case let .invalidData(figure, reason):
            return "figure \(figure): \(reason)"
        case let .gnuplotMissing(csv, script):
            return "gnuplot not found on PATH; install it (apt-get install gnuplot-nox, or make setup) and run `gnuplot \(script.split(separator: "/").last.map(String.init) ?? script)` in its folder; kept \(csv) and \(script)"
        case let .gnuplotFailed(script, status, message):
            return "gnuplot failed on \(script) (exit \(status)): \(message)"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
