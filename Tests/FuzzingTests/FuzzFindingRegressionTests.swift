import Benchmarks
import Foundation
import HDF5Kit
import NASCore
import Testing
@testable import Fuzzing

/// What the fuzz targets found, each pinned as a plain input.
@Suite struct FuzzFindingRegressionTests {
    func refusals(_ target: FuzzTarget, _ text: String) throws -> [String] {
        let scratch = try FuzzScratch()
        defer { scratch.remove() }
        return try target.run(Array(text.utf8), in: scratch)
    }

    /// toml++ 3.4.0 asserted (SIGABRT) on a table header whose name starts with a
    /// character that cannot start a key; TOMLPreflight refuses it first.
    @Test(arguments: ["[, off-table]\nname = \"x\"\n", "[[\n", "[ ,a]\n", "[\r\n", "[[ *x]]\n"])
    func aTableHeaderWithoutANameIsASyntaxErrorNotAnAbort(_ text: String) throws {
        let messages = try refusals(.spec, text)
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { $0.contains("fuzz.toml:1: TOML syntax: a table header needs a name after '['") })
    }

    /// toml++ 3.4.0 asserted on a `}` where an array value should be (spec input 54655).
    @Test(arguments: ["x = [1, }\n", "x = [\n  1,\n  # note\n}\n", "x = { a = [1 }\n"])
    func aClosingBraceInsideAnArrayIsASyntaxErrorNotAnAbort(_ text: String) throws {
        let messages = try refusals(.spec, text)
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { $0.contains("TOML syntax: '}' where ']' should close the array") })
    }

    /// Brackets inside strings, comments, and nested arrays are not table headers.
    @Test func bracketsThatAreNotHeadersPass() throws {
        let text = """
        name = "[, not a header"   # [, nor this
        trials = 1
        x = '''
        [, inside a literal string
        '''
        checkpoints = [
          [1, 2],
        ]
        """
        let messages = try refusals(.spec, text)
        #expect(!messages.contains { $0.contains("table header") })
    }

    /// A bare CR in a quoted value was printed as a line break.
    @Test func aBareCarriageReturnIsEscapedInMessages() throws {
        let samples = try refusals(.samples, "1\n2\r3\n")
        #expect(samples.first == "fuzz.txt:2: \"2\\r3\" is not a number")
        let points = try refusals(.points, "1,2\r3\n")
        #expect(points.contains("--ref: coordinate 2 \"2\\r3\" is not a finite number"))
    }

    /// A CSV with a header and no rows imported an empty table.
    @Test func aHeaderOnlyCSVIsNotImported() throws {
        let header = "encoder_embed_dim,encoder_layer_num,decoder_layer_num,latency_mean_encoder,latency_mean_decoder\n"
        let messages = try refusals(.csv, header)
        #expect(messages.contains { $0.hasSuffix("fuzz.csv: has a header but no data rows; a table needs at least one row") })
    }

    /// A forged table with an object named `arc\r\n` (libFuzzer, `table-resealed`) made
    /// HDF5Kit's and the table store's errors two lines.
    @Test func aLineBreakInAnObjectNameStaysOnOneLine() {
        let hdf5 = HDF5Error(file: "t.h5", message: "cannot read object '/arc\r\n' (damaged file?)", stack: ["can't get info for object: 'arc\r\n'"])
        #expect(hdf5.description == "t.h5: cannot read object '/arc\\r\\n' (damaged file?) (HDF5: can't get info for object: 'arc\\r\\n')")
        let table = BenchmarkError(subject: "t.h5", message: "group '/arc\n' is unknown")
        #expect(table.description == "t.h5: group '/arc\\n' is unknown")
    }

    @Test func oneLineTextEscapesEveryControlCharacter() {
        #expect(OneLineText.escapingControls("a\nb\rc\td\u{0}e\u{7f}") == "a\\nb\\rc\\td\\u{0}e\\u{7f}")
        #expect(OneLineText.escapingControls("plain é") == "plain é")
    }
}
