import Foundation

/// One environment variable, read where the process keeps it.
///
/// ```swift
/// let folder = EnvironmentVariable.value("NASREPLAY_DATASETS") ?? "datasets"
/// ```
///
/// `ProcessInfo.environment` copies the whole environment into a new dictionary at each
/// use, and every command start read it twice for one name.
public enum EnvironmentVariable {
    /// The variable's value, or nil when it is not set.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
