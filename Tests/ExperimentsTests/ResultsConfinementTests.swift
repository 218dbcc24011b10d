import Foundation
import HDF5Kit
import NASCore
import Testing
@testable import Experiments

/// Results are written only inside `results/<name>/`: spec and algorithm names are plain
/// names (`PlainName`), checked at parse time with the file and line; an empty or file
/// `--results` is refused in one line; and the temporary files a killed run leaves in its
/// folder are removed by the next run, and nothing else is.
@Suite struct ResultsConfinementTests {
    static let longName = String(repeating: "n", count: 300)

    func problem(_ text: String) -> String? {
        do { _ = try ExperimentSpec.parse(text, file: "bad.toml"); return nil } catch { return error.description }
    }

    @Test("a spec name that is not a plain name is refused at its line",
          arguments: ["..", ".", "../escape", "a/b", "", "-x", ".hidden", "a b", ResultsConfinementTests.longName])
    func specNameMustBePlain(name: String) {
        let message = problem(ExperimentFixtures.spec(name: name))
        #expect(message?.hasPrefix("bad.toml:1: name '") == true, "\(message ?? "accepted")")
        #expect(message?.contains("is not a plain name: use \(PlainName.rule)") == true, "\(message ?? "accepted")")
        #expect(message?.contains("\n") == false)
    }

    @Test("an algorithm name that is not a plain name is refused at its line", arguments: ["..", "a/b", "a b", ResultsConfinementTests.longName])
    func algorithmNameMustBePlain(name: String) {
        let text = ExperimentFixtures.spec().replacingOccurrences(of: "name = \"ga\"", with: "name = \"\(name)\"")
        let message = problem(text)
        #expect(message?.hasPrefix("bad.toml:19: algorithm name '") == true, "\(message ?? "accepted")")
        #expect(message?.contains("is not a plain name") == true)
    }

    @Test func aPredictorSpecNamedDotDotIsRefused() {
        do {
            _ = try PredictorExperimentSpec.parse(PredictorExperimentTests.spec().replacingOccurrences(of: "name = \"predictor-test\"", with: "name = \"..\""),
                                                 file: "p.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("p.toml:") && error.description.contains("name '..' is not a plain name"), "\(error)")
        }
    }

    @Test func aSpecChangedInCodeToAnUnplainNameIsRefusedBeforeAnyWrite() throws {
        var spec = try ExperimentSpec.parse(ExperimentFixtures.spec(), file: "spec.toml")
        spec.name = ".."
        #expect(throws: SpecError.self) { try ValidatedExperiment(spec: spec, catalog: ExperimentFixtures.catalog) }
    }

    @Test func anEmptyOrFileResultsFolderIsOneLineExit2() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        let spec = folder + "/spec.toml"
        try ExperimentFixtures.spec(trials: 1, evaluations: 60, name: "confined").write(toFile: spec, atomically: true, encoding: .utf8)
        let file = folder + "/a-file"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        for (command, results, mentions) in [("run", "", "--results: the folder is empty"), ("merge", "", "--results: the folder is empty"),
                                             ("run", file, "a file, not a folder"), ("merge", file, "a file, not a folder")] {
            let outcome = try ExperimentFixtures.nasreplay([command, spec, "--datasets", ExperimentFixtures.datasets, "--results", results])
            #expect(outcome.status == 2, "\(command) --results '\(results)': \(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1 && outcome.stderr.contains(mentions), "\(outcome.stderr)")
            #expect(!outcome.stderr.contains("NSCocoaErrorDomain"))
        }
        // A folder that cannot be created (a file in the way further down): one line, exit 2.
        let outcome = try ExperimentFixtures.nasreplay(["run", spec, "--datasets", ExperimentFixtures.datasets, "--results", file + "/sub", "--quiet"])
        #expect(outcome.status == 2 && outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("cannot create the results folder \(file)/sub/confined: \(file) is a file, not a folder") && !outcome.stderr.contains("Domain="), "\(outcome.stderr)")
    }

    @Test func aThreeHundredCharacterNameIsOneLineExit2() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        let spec = folder + "/spec.toml"
        try ExperimentFixtures.spec(trials: 1, evaluations: 60, name: Self.longName).write(toFile: spec, atomically: true, encoding: .utf8)
        let outcome = try ExperimentFixtures.nasreplay(["run", spec, "--datasets", ExperimentFixtures.datasets, "--results", folder + "/results", "--quiet"])
        #expect(outcome.status == 2 && outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("\(spec):1: name 'nnnn") && !outcome.stderr.contains("NSCocoaErrorDomain"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/results"))
    }

    /// A process id no process has: one that just ended.
    static func deadProcessID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    /// A temporary is an orphan when the lock its writer holds is free (the assembly lock for
    /// runs.h5 and summary.md, the trial's claim for a trial file), whatever host wrote it;
    /// one whose lock is held stays, and so does every name this project does not write.
    @Test func staleTemporariesOfAKilledRunAreRemovedByTheNextRunAndNothingElse() throws {
        let root = ExperimentFixtures.temporaryFolder()
        let folder = root + "/stale"
        let trials = folder + "/trials/aging"
        try FileManager.default.createDirectory(atPath: trials, withIntermediateDirectories: true)
        let dead = try Self.deadProcessID(), alive = getppid()
        let stale = ["\(folder)/runs.h5.tmp-\(dead)-0", "\(folder)/summary.md.tmp-\(dead)", "\(trials)/trial-000001.rec.tmp-\(dead)-3",
                     "\(trials)/trial-000006.h5.tmp-\(dead)-3",   // of the HDF5 trial files before 2026-12-05
                     "\(trials)/.trial-000002.h5.copy",
                     // Other hosts' (a shared filesystem) and live pids' temporaries, when their lock is free.
                     "\(folder)/runs.h5.tmp-node07-\(alive)-0", "\(folder)/runs.h5.tmp-\(alive)-0",
                     "\(trials)/trial-000003.rec.tmp-node07-\(alive)-9",
                     "\(trials)/.trial-000004.claim"]   // a per-trial claim file of an earlier version
        // Trial 5's claim is held (by this process, on its own descriptor): its writer is alive.
        let held = "\(trials)/trial-000005.rec.tmp-node07-\(dead)-1"
        let kept = [held, "\(folder)/notes.tmp-\(dead)", "\(folder)/runs.h5.tmp-x", "\(folder)/runs.h5.tmp-\(dead)-0-1-2",
                    "\(trials)/other.rec.tmp-\(dead)-0", "\(trials)/trial-000007.txt.tmp-\(dead)-0", "\(root)/runs.h5.tmp-\(dead)-0"]
        for path in stale + kept { try Data(repeating: 0, count: 64).write(to: URL(fileURLWithPath: path)) }
        guard case .acquired(let claim) = try TrialClaim.attempt(file: "\(trials)/.claims", trial: 5) else {
            Issue.record("cannot take trial 5's claim"); return
        }
        defer { claim.release() }

        var options = ExperimentRunner.Options()
        options.resultsRoot = root
        options.progress = false
        let runner = try ExperimentRunner(spec: try ExperimentSpec.parse(ExperimentFixtures.spec(trials: 1, evaluations: 60, name: "stale"), file: "spec.toml"),
                                          catalog: ExperimentFixtures.catalog, options: options)
        _ = try runner.run()
        for path in stale { #expect(!FileManager.default.fileExists(atPath: path), "\(path)") }
        for path in kept { #expect(FileManager.default.fileExists(atPath: path), "\(path)") }
    }

    /// A trial's claim excludes every other description, in this process too, and is free
    /// again once released; the holder's line names it.
    @Test func aTrialClaimIsExclusiveNamesItsHolderAndIsReleased() throws {
        let file = ExperimentFixtures.temporaryFolder() + "/.claims"
        guard case .acquired(let first) = try TrialClaim.attempt(file: file, trial: 3) else { Issue.record("not acquired"); return }
        guard case .busy(let owner) = try TrialClaim.attempt(file: file, trial: 3) else { Issue.record("not busy"); return }
        #expect(owner == "\(TemporaryName.thisHost) pid \(getpid())")
        #expect(TrialClaim.holder(file: file, trial: 3) == owner)
        guard case .acquired(let other) = try TrialClaim.attempt(file: file, trial: 4) else { Issue.record("trial 4 is its own claim"); return }
        other.release()
        first.release()
        #expect(TrialClaim.holder(file: file, trial: 3) == nil)
        guard case .acquired(let again) = try TrialClaim.wait(file: file, trial: 3) else { Issue.record("not free after release"); return }
        again.release()
    }

    /// Without locks, only this host's writers can be found gone, by their pid.
    @Test func temporaryNamesCarryHostAndProcess() throws {
        let name = (TemporaryName.next(for: "/x/runs.h5") as NSString).lastPathComponent
        let writer = try #require(TemporaryName.writer(of: name, base: "runs.h5"))
        #expect(writer == TemporaryName.Writer(host: TemporaryName.thisHost, pid: getpid()))
        #expect(!TemporaryName.isGone(writer))
        #expect(TemporaryName.writer(of: "runs.h5.tmp-4121", base: "runs.h5") == .init(host: TemporaryName.thisHost, pid: 4121))
        #expect(TemporaryName.writer(of: "runs.h5.tmp-node07-4121-3", base: "runs.h5") == .init(host: "node07", pid: 4121))
        #expect(TemporaryName.writer(of: "runs.h5.tmp-node07-x-3", base: "runs.h5") == nil)
        #expect(TemporaryName.writer(of: "summary.md.tmp-1-2", base: "runs.h5") == nil)
        let dead = try Self.deadProcessID()
        #expect(TemporaryName.isGone(.init(host: TemporaryName.thisHost, pid: dead)))
        #expect(!TemporaryName.isGone(.init(host: "another-host", pid: dead)), "a pid of another host proves nothing")
        #expect(!TemporaryName.thisHost.contains("-"))
    }
}
