import NASCore

// A model option the user gave is wrong: exit code 2.
extension PredictorError: UserFacingError {}
