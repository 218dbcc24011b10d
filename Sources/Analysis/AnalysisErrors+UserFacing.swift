import NASCore

// Sample files and test choices are the user's input (exit 2); a figure that cannot be
// drawn or written is a failed step of work that had started (exit 1).
extension StatisticsError: UserFacingError {}
extension SampleFile.ParseError: UserFacingError {}
extension FigureError: UserFacingError {
    public var exitStatus: ExitStatus { .runFailed }
}
