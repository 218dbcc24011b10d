import NASCore

// A points file or reference point the user gave is wrong: exit code 2.
extension IndicatorError: UserFacingError {}
