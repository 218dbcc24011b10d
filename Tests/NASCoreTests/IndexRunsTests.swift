import Testing
import NASCore

@Suite struct IndexRunsTests {
    @Test func runsOfThreeOrMoreBecomeRanges() {
        #expect(IndexRuns.text([]) == "")
        #expect(IndexRuns.text([4]) == "4")
        #expect(IndexRuns.text([3, 4]) == "3, 4")
        #expect(IndexRuns.text([0, 1, 2, 3, 7, 9, 10]) == "0–3, 7, 9, 10")
        #expect(IndexRuns.text(Array(0..<100)) == "0–99")
    }
}
