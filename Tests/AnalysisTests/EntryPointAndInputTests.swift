import Foundation
import Testing
@testable import Analysis

@Suite("StatisticalTests.run, input validation, sample files and the bootstrap")
struct EntryPointAndInputTests {
    static let x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    static let z = [2.1, 0.2, 1.1, 1.7, 0.9, 0.4]

    @Test("run dispatches to the named test with scipy's defaults")
    func dispatch() throws {
        let mw = try StatisticalTests.run(.mannWhitney, samples: [Self.x, Self.z])
        #expect(mw == (try MannWhitneyU.test(Self.x, Self.z)))
        let a12 = try StatisticalTests.run(.a12, samples: [Self.x, Self.z])
        expectClose(a12.statistic, 40.0 / 54, relative: 1e-15, "A12 = U/(nm)")
        expectClose(a12.pValue, 0.14465534465534466, relative: 1e-12, "A12 uses the Mann-Whitney p")
        #expect(a12.extras["count_greater"] == 40 && a12.extras["count_equal"] == 0)
        let kw = try StatisticalTests.run(.kruskal, samples: [Self.x, Self.z, [0.3, 0.8, 1.9]])
        #expect(kw.method == .asymptotic && kw.pValue > 0 && kw.pValue < 1)
        #expect(StatisticalTestName(rawValue: "mann-whitney") == .mannWhitney)
        #expect(StatisticalTestName.allCases.count == 8)
    }

    @Test("bad input fails fast with a one-line message")
    func errors() {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        let tooFew = message { _ = try StatisticalTests.run(.mannWhitney, samples: [Self.x]) }
        #expect(tooFew == "mann-whitney needs at least 2 samples, got 1")
        let unequal = message { _ = try StatisticalTests.run(.wilcoxon, samples: [Self.x, Self.z]) }
        #expect(unequal.contains("same length") && unequal.contains("9, 6"))
        let nan = message { _ = try StatisticalTests.run(.ks, samples: [Self.x, [1, .nan, 3]]) }
        #expect(nan == "ks: sample 2 has a NaN or infinite value at position 2")
        let friedmanTwo = message { _ = try StatisticalTests.run(.friedman, samples: [Self.x, Self.x]) }
        #expect(friedmanTwo == "friedman needs at least 3 samples, got 2")
        let empty = message { _ = try StatisticalTests.run(.mannWhitney, samples: [Self.x, []]) }
        #expect(empty.contains("sample 2 needs at least 1"))
        let constant = message { _ = try StatisticalTests.run(.spearman, samples: [[1, 1, 1], [1, 2, 3]]) }
        #expect(constant.contains("constant"))
        let allZero = message { _ = try StatisticalTests.run(.wilcoxon, samples: [[1, 2], [1, 2]]) }
        #expect(allZero.contains("every difference is zero"))
        for text in [tooFew, unequal, nan, friedmanTwo, empty, constant, allZero] { #expect(!text.contains("\n")) }
    }

    @Test("sample files: comments, blank lines and an error naming file and line")
    func sampleFile() throws {
        let values = try SampleFile.parse("# hypervolume per trial\n0.91\n\n  0.93  # seed 2\r\n-1.5e-3\n", fileName: "ga.txt")
        #expect(values == [0.91, 0.93, -0.0015])
        #expect(throws: SampleFile.ParseError.notANumber(file: "ga.txt", line: 3, text: "0,93")) {
            try SampleFile.parse("0.91\n\n0,93\n", fileName: "ga.txt")
        }
        #expect("\(SampleFile.ParseError.notANumber(file: "ga.txt", line: 3, text: "0,93"))" == "ga.txt:3: \"0,93\" is not a number")
        #expect(throws: SampleFile.ParseError.notFinite(file: "a", line: 1, text: "nan")) { try SampleFile.parse("nan", fileName: "a") }
        #expect(throws: SampleFile.ParseError.empty(file: "b")) { try SampleFile.parse("# nothing\n\n", fileName: "b") }

        let path = NSTemporaryDirectory() + "nasreplay-sample-\(UUID().uuidString).txt"
        try "1\n2\n3\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SampleFile.read(path: path) == [1, 2, 3])
        #expect(throws: SampleFile.ParseError.self) { try SampleFile.read(path: path + ".missing") }
    }

    @Test("bootstrap percentile interval is seeded, brackets the estimate and narrows with n")
    func bootstrap() throws {
        let sample = (0..<40).map { Double($0 % 7) + 0.1 * Double($0) }
        let first = try BootstrapInterval.percentile(sample, resamples: 2000, seed: 11)
        let again = try BootstrapInterval.percentile(sample, resamples: 2000, seed: 11)
        let other = try BootstrapInterval.percentile(sample, resamples: 2000, seed: 12)
        #expect(first == again)
        #expect(first != other)
        #expect(first.lower < first.estimate && first.estimate < first.upper)
        expectClose(first.estimate, BootstrapInterval.mean(sample), relative: 1e-15, "estimate")
        // The bootstrap standard error of a mean is about s/√n; the 95 % interval spans ~3.9 of them.
        let t = try ConfidenceIntervals.tInterval(sample)
        let ratio = (first.upper - first.lower) / (2 * t.halfWidth)
        #expect(ratio > 0.85 && ratio < 1.15, "bootstrap width / t width = \(ratio)")

        let constant = try BootstrapInterval.percentile([2, 2, 2], resamples: 50, seed: 1)
        #expect(constant.lower == 2 && constant.upper == 2)
        let difference = try BootstrapInterval.percentileDifference(sample, sample.map { $0 + 3 }, resamples: 500, seed: 5)
        expectClose(difference.estimate, -3, relative: 1e-12, "difference of means")
        #expect(difference.lower < -3 && difference.upper > -3 && difference.upper < 0)
        #expect(throws: StatisticsError.self) { try BootstrapInterval.percentile(sample, level: 1.5, seed: 1) }
    }

    @Test("quantile interpolation is numpy's linear method")
    func quantile() {
        let sorted: [Double] = [1, 2, 4, 8]
        #expect(BootstrapInterval.quantile(sorted: sorted, 0) == 1)
        #expect(BootstrapInterval.quantile(sorted: sorted, 1) == 8)
        #expect(BootstrapInterval.quantile(sorted: sorted, 0.5) == 3)          // numpy.percentile(.., 50)
        expectClose(BootstrapInterval.quantile(sorted: sorted, 0.9), 6.8, relative: 1e-15, "90th percentile")
    }
}
