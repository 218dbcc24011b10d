import Foundation
import NASCore

/// Reads a sample from a user's text file: one number per line.
///
/// ```swift
/// let a = try SampleFile.read(path: "results/ga.txt")
/// let b = try SampleFile.parse("0.91\n# seed 2\n0.93\n", fileName: "inline")
/// ```
///
/// Blank lines are skipped and `#` starts a comment (whole-line or after a value).
/// Anything else must parse as a finite Double; otherwise the error names the file and
/// the 1-based line, e.g. `ga.txt:7: "0,93" is not a number`.
///
/// - Complexity: O(size of the file)
public enum SampleFile {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case unreadable(file: String, reason: String)
        case notANumber(file: String, line: Int, text: String)
        case notFinite(file: String, line: Int, text: String)
        case empty(file: String)

        /// One line, whatever the message quotes from the file.
        public var description: String { OneLineText.escapingControls(text) }

        private var text: String {
            switch self {
            case let .unreadable(file, reason): return "\(file): cannot read the file (\(reason))"
            case let .notANumber(file, line, text): return "\(file):\(line): \"\(text)\" is not a number"
            case let .notFinite(file, line, text):
                return "\(file):\(line): \"\(text)\" is not a finite number; remove it or replace it with a value"
            case let .empty(file): return "\(file): no values found (expected one number per line)"
            }
        }
    }

    public static func read(path: String) throws -> [Double] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ParseError.unreadable(file: path, reason: error.localizedDescription)
        }
        return try parse(text, fileName: path)
    }

    public static func parse(_ text: String, fileName: String) throws -> [Double] {
        var values: [Double] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let value = Double(trimmed) else {
                throw ParseError.notANumber(file: fileName, line: lineNumber, text: trimmed)
            }
            guard value.isFinite else {
                throw ParseError.notFinite(file: fileName, line: lineNumber, text: trimmed)
            }
            values.append(value)
        }
        if values.isEmpty { throw ParseError.empty(file: fileName) }
        return values
    }
}
