import Foundation
import HDF5Kit
import Testing
@testable import Experiments

/// The pymoo NSGA-II, pymoo MOEA (AGE-MOEA, NSGA-III, U-NSGA-III) and Optuna MOTPE examples end to end on NATS-TSS with two objectives:
/// every trial spends exactly its budget and the same seed gives the same runs.h5. Each is
/// skipped, naming the library, only where python3 cannot import it (CI installs both).
@Suite(.enabled(if: ExternalFixtures.hasPython, ExternalFixtures.noPython))
struct ExternalLibraryExampleTests {
    /// Whether python3 imports `module`.
    static func imports(_ module: String) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import " + module]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    static let hasPymoo = imports("pymoo")
    static let hasOptuna = imports("optuna")
    /// pymoo's AGE-MOEA raises on import without numba.
    static let hasNumba = imports("numba")

    /// 2 trials x 60 evaluations, accuracy up and latency down: small, as MOTPE is slow.
    func checkExample(_ script: String, extra: String = "") throws {
        let command = #"["python3", "# + ExternalFixtures.pythonString(ExternalFixtures.examples + "/" + script) + "]"
        let spec = ExternalFixtures.spec(name: "byo-lib", trials: 2, evaluations: 60, command: command, extra: extra,
                                         objectives: #"["c10_valid_200ep:max", "lat_ms_raspi4:min"]"#)
        let a = try ExternalFixtures.runner(try ExternalFixtures.folder(spec: spec))
        let b = try ExternalFixtures.runner(try ExternalFixtures.folder(spec: spec), threads: 1)
        #expect(try a.run().ran == 2)
        _ = try b.run()
        let log = try #require(try a.store.readRuns().configuration("ext")).log
        for t in 0..<2 { #expect(log.trial.filter { $0 == Int32(t) }.count == 60) }
        #expect(try HDF5File.read(a.store.runsFile) == (try HDF5File.read(b.store.runsFile)))
    }

    @Test("pymoo NSGA-II spends exactly its budget; the same seed gives the same runs.h5",
          .enabled(if: hasPymoo, "pymoo is not installed for python3 (python3 -m pip install pymoo==0.6.2)"))
    func pymooNSGA2() throws {
        try checkExample("pymoo_nsga2.py", extra: "params = { population = 10 }")
    }

    @Test("pymoo U-NSGA-III and NSGA-III (pymoo_moea.py) spend exactly their budget; the same seed gives the same runs.h5",
          .enabled(if: hasPymoo, "pymoo is not installed for python3 (python3 -m pip install pymoo==0.6.2)"))
    func pymooReferenceDirectionMOEAs() throws {
        try checkExample("pymoo_moea.py", extra: #"params = { algorithm = "unsga3", population = 10 }"#)
        try checkExample("pymoo_moea.py", extra: #"params = { algorithm = "nsga3" }"#)
    }

    @Test("pymoo AGE-MOEA (pymoo_moea.py) spends exactly its budget; the same seed gives the same runs.h5",
          .enabled(if: hasPymoo && hasNumba, "pymoo's AGE-MOEA needs pymoo and numba (python3 -m pip install pymoo==0.6.2 numba)"))
    func pymooAGEMOEA() throws {
        try checkExample("pymoo_moea.py", extra: #"params = { algorithm = "age-moea", population = 10 }"#)
    }

    @Test("Optuna MOTPE spends exactly its budget; the same seed gives the same runs.h5",
          .enabled(if: hasOptuna, "optuna is not installed for python3 (python3 -m pip install optuna==5.1.0)"))
    func optunaMOTPE() throws {
        try checkExample("optuna_motpe.py")
    }
}
