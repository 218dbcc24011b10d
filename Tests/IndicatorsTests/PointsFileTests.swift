import Testing
@testable import Indicators

/// The CLI's points-file format and its one-line errors (DESIGN.md, "Reliability").
@Suite struct PointsFileTests {
    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "" } catch { return String(describing: error) }
    }

    @Test func readsCommaAndWhitespaceRowsWithHeaderAndComments() throws {
        let text = "# front of run 3\r\nerror, latency\r\n0.25, 3\r\n\r\n0.5,1e-3\r\n"
        #expect(try PointsFile.parse(text: text, path: "a.csv") == [[0.25, 3], [0.5, 0.001]])
        #expect(try PointsFile.parse(text: "1 2 3\n\t4\t5  6\n", path: "b.txt") == [[1, 2, 3], [4, 5, 6]])
    }

    @Test func raggedRowNamesFileLineAndCounts() {
        let m = message { try PointsFile.parse(text: "1,2,3\n4,5,6\n7,8\n", path: "pts.csv") }
        #expect(m.hasPrefix("pts.csv:3:"), "\(m)")
        #expect(m.contains("2 field(s)") && m.contains("line 1 has 3"), "\(m)")
        #expect(!m.contains("\n"))
        let header = message { try PointsFile.parse(text: "a,b\n1,2,3\n", path: "h.csv") }
        #expect(header.hasPrefix("h.csv:2:"), "\(header)")
    }

    @Test func nonNumericCellNamesFileLineAndField() {
        let m = message { try PointsFile.parse(text: "1,2\n3,abc\n", path: "pts.csv") }
        #expect(m == "pts.csv:2: field 2 \"abc\" is not a number", "\(m)")
        // A first row that mixes names and numbers is not a header.
        let mixed = message { try PointsFile.parse(text: "f1,2\n3,4\n", path: "m.csv") }
        #expect(mixed.hasPrefix("m.csv:1: field 1 \"f1\""), "\(mixed)")
        // A names row after the first is data, so it is an error.
        let late = message { try PointsFile.parse(text: "1,2\nf1,f2\n", path: "l.csv") }
        #expect(late.hasPrefix("l.csv:2: field 1"), "\(late)")
        let empty = message { try PointsFile.parse(text: "1,,2\n", path: "e.csv") }
        #expect(empty == "e.csv:1: field 2 is empty", "\(empty)")
        let nan = message { try PointsFile.parse(text: "1 nan\n", path: "n.txt") }
        #expect(nan.contains("n.txt:1: field 2") && nan.contains("finite"), "\(nan)")
    }

    @Test func fileWithoutPointsIsAnError() {
        #expect(message { try PointsFile.parse(text: "# nothing\n\nf1,f2\n", path: "z.csv") }.hasPrefix("z.csv: no points"))
    }

    @Test func referenceOfWrongDimensionNamesBothDimensions() throws {
        let m = message { try PointsFile.checkReference([1, 1], dimension: 3, path: "pts.csv") }
        #expect(m.contains("2 coordinate(s)") && m.contains("pts.csv have 3"), "\(m)")
        try PointsFile.checkReference([1, 1, 1], dimension: 3, path: "pts.csv")
        #expect(try PointsFile.parseReference("1, 2.5") == [1, 2.5])
        #expect(try PointsFile.parseReference("1 2 3") == [1, 2, 3])
        let bad = message { try PointsFile.parseReference("1,x", field: "--ref") }
        #expect(bad == "--ref: coordinate 2 \"x\" is not a finite number", "\(bad)")
    }
}
