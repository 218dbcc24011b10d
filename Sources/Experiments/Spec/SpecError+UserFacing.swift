import HDF5Kit
import NASCore

extension SpecError: UserFacingError {}
extension RegressionCSV.InputError: UserFacingError {}

// Tables reach the user through `BenchmarkError`; an `HDF5Error` that gets this far is a
// results file that could not be written or read back while work was under way (exit 1).
extension HDF5Error: UserFacingError {
    public var exitStatus: ExitStatus { .runFailed }
}
