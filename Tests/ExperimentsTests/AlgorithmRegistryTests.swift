import Benchmarks
import Foundation
import NASCore
import Testing
@testable import Experiments

/// One registry of algorithm types: a type is one file; specs, `run --dry-run`,
/// `nasreplay algorithms` and README all read the same declarations.
@Suite struct AlgorithmRegistryTests {
    var datasets: String { ExperimentFixtures.datasets }

    func toySpec(name: String, type: String = "toy-walk") -> String {
        """
        name = "\(name)"
        trials = 4
        seed = 11

        [benchmark]
        name = "nats-tss"
        objectives = ["c10_valid_200ep:max"]
        report = ["c10_test_200ep"]

        [budget]
        evaluations = 60

        [[algorithm]]
        name = "walk"
        type = "\(type)"
        walk = 3

        [[algorithm]]
        name = "random"
        type = "random"
        """
    }

    /// A one-trial NATS-TSS spec around one `[[algorithm]]` body, which starts on line 11.
    static func natsSpec(algorithm: String) -> String {
        """
        name = "quirks"
        trials = 1

        [benchmark]
        name = "nats-tss"
        objectives = ["c10_valid_200ep:max"]

        [budget]
        evaluations = 30

        [[algorithm]]
        \(algorithm)
        """
    }

    func writeSpec(_ text: String) throws -> String {
        let path = ExperimentFixtures.temporaryFolder() + "/spec.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a toy type declared in one test file runs from a TOML spec through the registry")
    func toyAlgorithmRunsFromATOMLSpec() throws {
        let registry = AlgorithmRegistry.builtIn.adding(ToyWalkType.self)
        let path = try writeSpec(toySpec(name: "toy"))
        let spec = try ExperimentSpec.load(path, registry: registry)
        var options = ExperimentRunner.Options()
        options.resultsRoot = ExperimentFixtures.temporaryFolder()
        options.progress = false
        let runner = try ExperimentRunner(spec: spec, catalog: ExperimentFixtures.catalog, registry: registry, options: options)
        let outcome = try runner.run()
        #expect(outcome.ran == 8)
        let data = try runner.store.readRuns().comparison()
        let walk = try #require(data.algorithms.first { $0.label == "walk" })
        #expect(walk.parameters.hasPrefix("toy-walk, walk=3"), "\(walk.parameters)")
        // Every trial spent its 60 evaluations, and an incumbent exists from the first step.
        let curve = try #require(walk.curves["best_signal"])
        #expect(curve.count == 4 && curve.allSatisfy { $0.count == 60 && $0.allSatisfy { $0.isFinite } })
        // The same trials again, in memory with one thread: identical results.
        options.threads = 1
        let again = try ExperimentRunner(spec: spec, catalog: ExperimentFixtures.catalog, registry: registry, options: options).runInMemory()
        #expect(again == (try runner.runInMemory()))
    }

    @Test func withoutTheRegistrationTheToyIsAnUnknownTypeAtItsLine() throws {
        let spec = try ExperimentSpec.parse(toySpec(name: "toy"), file: "toy.toml")
        do {
            _ = try ValidatedExperiment(spec: spec, catalog: ExperimentFixtures.catalog)
            Issue.record("an unregistered type was accepted")
        } catch let error as SpecError {
            #expect(error.description.hasPrefix("toy.toml:15: algorithm 'walk': unknown type 'toy-walk'"), "\(error)")
            #expect(error.description.contains("aging-evolution (aging, re, rea, regularized-evolution)"))
        }
    }

    @Test("each built-in type builds from its type alone, and every key resolves to a value or its default")
    func everyBuiltInTypeBuildsWithItsDefaults() throws {
        for type in AlgorithmRegistry.builtIn.types {
            // A key whose default is "required" (external's `command`) is the one a spec must give.
            let required = type.keys.filter { if case .derived("required") = $0.defaultValue { true } else { false } }
            let given = required.map { SpecTable.Entry(key: $0.name, value: .array([.string("true")]), line: 1) }
            let spec = AlgorithmSpec(label: "x", type: type.name, parameters: given, line: 1, typeLine: 1, file: "t.toml")
            let config = try AlgorithmConfig(spec, registry: .builtIn)
            #expect(config.typeName == type.name)
            #expect(config.resolvedKeys.filter { !$0.isDefault }.map(\.name) == required.map(\.name))
            func count(_ keys: [AlgorithmKey]) -> Int {
                keys.reduce(0) { n, k in if case .table(let inner) = k.kind { n + count(inner) } else { n + 1 } }
            }
            #expect(config.resolvedKeys.count == count(type.allKeys))
            for alias in type.aliases { #expect(AlgorithmRegistry.builtIn.type(named: alias).map(ObjectIdentifier.init) == ObjectIdentifier(type)) }
        }
    }

    @Test("quirks = [\"…\"] in a TOML file is one configuration with both quirks, not a sweep")
    func quirksListIsNotASweep() throws {
        let path = try writeSpec(Self.natsSpec(algorithm: """
        name = "naseafa"
        type = "nas-ea-fa"
        quirks = ["nb101-start-fallback", "no-evaluation-cache"]
        population = [10, 20]
        """))
        let spec = try ExperimentSpec.load(path)
        // `population` sweeps, `quirks` does not.
        #expect(spec.algorithms.map(\.label) == ["naseafa[population=10]", "naseafa[population=20]"])
        let experiment = try ValidatedExperiment(spec: spec, catalog: ExperimentFixtures.catalog)
        for config in experiment.configs {
            #expect(config.resolvedKeys.first { $0.name == "quirks" }?.value == "[\"nb101-start-fallback\", \"no-evaluation-cache\"]")
        }
        let bad = try ExperimentSpec.parse(Self.natsSpec(algorithm: "type = \"nas-ea-fa\"\nquirks = [\"no-such-quirk\"]"), file: "q.toml")
        do {
            _ = try ValidatedExperiment(spec: bad, catalog: ExperimentFixtures.catalog)
            Issue.record("an unknown quirk was accepted")
        } catch {
            #expect("\(error)" == "q.toml:13: algorithm 'nas-ea-fa': quirks: unknown value 'no-such-quirk' (known: nb101-start-fallback, no-evaluation-cache)")
        }
    }

    @Test("what a type supports is checked before any trial: NAS-EA-FA needs cell graphs, the toy one objective")
    func supportIsCheckedAtTheTypeLine() throws {
        let naseafa = try ExperimentSpec.parse("""
        name = "x"
        trials = 1
        [benchmark]
        name = "ofa-mbv3-dynast"
        objectives = ["accuracy_top1:max"]
        [budget]
        evaluations = 30
        [[algorithm]]
        type = "nas-ea-fa"
        """, file: "x.toml")
        do {
            _ = try ValidatedExperiment(spec: naseafa, catalog: ExperimentFixtures.catalog)
            Issue.record("nas-ea-fa ran on a sample table")
        } catch {
            #expect("\(error)".hasPrefix("x.toml:9: algorithm 'nas-ea-fa': nas-ea-fa runs on nats-topology and nb101 tables only"), "\(error)")
        }
        let registry = AlgorithmRegistry.builtIn.adding(ToyWalkType.self)
        let twoObjectives = try ExperimentSpec.parse(toySpec(name: "toy").replacingOccurrences(of: "[\"c10_valid_200ep:max\"]", with: "[\"c10_valid_200ep:max\", \"lat_ms_raspi4:min\"]"),
                                                     file: "t.toml", registry: registry)
        do {
            _ = try ValidatedExperiment(spec: twoObjectives, catalog: ExperimentFixtures.catalog, registry: registry)
            Issue.record("the toy type ran on two objectives")
        } catch {
            #expect("\(error)" == "t.toml:15: algorithm 'walk': toy-walk takes 1 objectives, the spec gives 2")
        }
    }

    @Test("README's algorithm table lists exactly the registry's types, short names and keys")
    func readmeTableAgreesWithTheRegistry() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let readme = try String(contentsOf: url.appendingPathComponent("README.md"), encoding: .utf8)
        let header = "| type | keys (defaults) | reference |"
        let lines = readme.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: header), "README lost its algorithm table")
        var rows: [(names: [String], keys: [String])] = []
        for line in lines[(start + 2)...] {
            guard line.hasPrefix("| `") else { break }
            // `\|` is a pipe inside a cell (LINAS's `inner = { type = "nsga2" \| "ga" }`).
            let cells = line.replacingOccurrences(of: "\\|", with: "/").split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            rows.append((Self.backticked(cells[1], outsideParentheses: false), Self.backticked(cells[2]).map { String($0.prefix { $0.isLetter || $0.isNumber || $0 == "_" }) }))
        }
        let registry = AlgorithmRegistry.builtIn
        let names = registry.types.map { type in [type.name] + type.aliases }
        #expect(rows.map { $0.names } == names)
        for (row, type) in zip(rows, registry.types) {
            let keys = type.keys.map { key in key.name }
            #expect(row.keys == keys, "\(type.name)")
        }
        for key in AlgorithmKey.common.map(\.name) {
            #expect(readme.contains("Every algorithm also takes `\(key)`") || readme.contains("and `\(key)`"), "\(key)")
        }
    }

    @Test("docs/ALGORITHMS.md has a section for every registered type, naming it as a spec does")
    func algorithmsDocumentCoversTheRegistry() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("docs/ALGORITHMS.md"), encoding: .utf8)
        let headings = text.components(separatedBy: "\n").filter { $0.hasPrefix("## ") }.joined(separator: "\n")
        for type in AlgorithmRegistry.builtIn.types {
            #expect(headings.contains("`\(type.name)`") || text.contains("(`\(type.name)`)"), "\(type.name) has no section in docs/ALGORITHMS.md")
        }
    }

    /// Backticked words outside parentheses: a README cell's names or keys, not its values.
    static func backticked(_ text: String, outsideParentheses: Bool = true) -> [String] {
        var out: [String] = [], depth = 0, current: String? = nil
        for c in text {
            if var word = current {
                if c == "`" { if depth == 0 || !outsideParentheses { out.append(word) }; current = nil } else { word.append(c); current = word }
            } else if c == "`" { current = "" } else if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
        }
        return out
    }

    @Test("nasreplay algorithms --json lists every type with its keys and defaults")
    func algorithmsJSON() throws {
        let r = try ExperimentFixtures.nasreplay(["algorithms", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let types = try #require(object["algorithms"] as? [[String: Any]])
        let names = AlgorithmRegistry.builtIn.types.map { type in type.name }
        #expect(types.compactMap { $0["type"] as? String } == names)
        let nsga2 = try #require(types.first { $0["type"] as? String == "nsga2" })
        let keys = try #require(nsga2["keys"] as? [[String: Any]])
        #expect(keys.first { $0["name"] as? String == "population" }?["default"] as? Int == 50)
        #expect(keys.first { $0["name"] as? String == "offspring" }?["default_rule"] as? String == "= population")
        #expect(keys.first { $0["name"] as? String == "cache" }?["default"] as? String == "charge")
        let show = try ExperimentFixtures.nasreplay(["algorithms", "show", "aging"])
        #expect(show.status == 0)
        #expect(show.stdout.hasPrefix("aging-evolution (also: aging, re, rea, regularized-evolution)"))
        let unknown = try ExperimentFixtures.nasreplay(["algorithms", "show", "annealing"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown algorithm type 'annealing'"))
    }

    @Test("run --dry-run prints the resolved configuration, every default marked, and runs nothing")
    func dryRun() throws {
        let path = try writeSpec(ExperimentFixtures.spec(trials: 3, evaluations: 60, name: "dry"))
        let results = ExperimentFixtures.temporaryFolder()
        let r = try ExperimentFixtures.nasreplay(["run", path, "--datasets", datasets, "--results", results, "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("experiment 'dry', validated; nothing was run"))
        #expect(r.stdout.contains("at most 540 (3 configurations × 3 trials)"), "\(r.stdout)")
        #expect(r.stdout.contains("off_table") == false)     // a full table: no policy applies
        // GA defaults: its population is given, the rest are the declared defaults.
        #expect(r.stdout.contains("  population          20\n"))
        #expect(r.stdout.contains("  tournament          0.2   (default)"))
        #expect(r.stdout.contains("  mutation            nas-ea-fa (genetic-algorithm's default on nats-topology)   (default)"))
        #expect(r.stdout.contains("  mutation            nats-bench (the space's default)   (default)"))
        #expect(r.stdout.contains("  cache               \"charge\"   (default)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: results).isEmpty)
        let bad = try ExperimentFixtures.nasreplay(["run", try writeSpec(toySpec(name: "toy")), "--datasets", datasets, "--dry-run"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown type 'toy-walk'"))
    }

    @Test("a type's results revision enters the trial hash, so a folder computed under an older default is refused")
    func resultsRevisionChangesTheTrialHashOnlyOfItsOwnType() throws {
        let pooled = try ExperimentSpec.parse(toySpec(name: "r", type: "nas-ea-fa").replacingOccurrences(of: "walk = 3", with: ""), file: "r.toml")
        #expect(pooled.algorithms.map(\.revision) == [1, 0])
        #expect(pooled.trialHash != { var s = pooled; s.algorithms[0].revision = 0; return s.trialHash }())
        // A spec of types at revision 0 keeps the hash it had before revisions existed, so
        // its results folders stay valid.
        let plain = try ExperimentSpec.parse(toySpec(name: "r", type: "random").replacingOccurrences(of: "walk = 3", with: ""), file: "r.toml")
        var text = "name=r\nseed=11\nbenchmark=nats-tss\nobjectives=\(plain.benchmark.objectives)\n"
        text += "report=\(plain.benchmark.report)\noff_table=\nbudget=\(plain.budget)\n"
        text += "algorithm walk random \nalgorithm random random \n"
        #expect(plain.trialHash == SHA256.hex(Array(text.utf8)))
    }
}
