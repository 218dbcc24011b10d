import Foundation

/// Finds the team's `shared/` folder (data, oracles, specs), which sits beside the checkout.
///
/// ```swift
/// let oracles = SharedFolder.path("oracles/hypervolume.json", near: #filePath)
/// ```
///
/// `NASREPLAY_SHARED` overrides the search; otherwise the folders above `file` are tried
/// in turn for a sibling named `shared`. Tests pass `#filePath`, so they work from any
/// working directory.
public enum SharedFolder {
    public static func root(near file: String = #filePath) -> String {
        if let env = EnvironmentVariable.value("NASREPLAY_SHARED"), !env.isEmpty { return env }
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("data").path) {
                return candidate.path
            }
            url = url.deletingLastPathComponent()
        }
        return "../shared"
    }

    public static func path(_ relative: String, near file: String = #filePath) -> String {
        root(near: file) + "/" + relative
    }
}
