import Foundation
import Fuzzing
import Synchronization

/// `nasreplay-fuzz`: the seeded mutation driver of the fuzz targets (scripts/fuzz/README.md).
///
///     nasreplay-fuzz run TARGET [--inputs N] [--seed S] [--first I] [--isolate yes|no] [--root DIR] [--shared DIR]
///     nasreplay-fuzz seeds TARGET DIR        # the seed corpus, for libFuzzer
///     nasreplay-fuzz replay TARGET FILE…     # one input per file
///     nasreplay-fuzz input TARGET --first I [--seed S]   # input I of a run, to stdout
///
/// Built with `-D LIBFUZZER -sanitize=fuzzer` the binary is a libFuzzer target instead
/// (`LibFuzzerEntry.swift`; scripts/fuzz/run.sh). Exit 0 when every input kept the
/// invariants, 1 on a finding, 2 on bad usage; a crash or a hang past 10 s names the input.
#if !LIBFUZZER
@main
enum FuzzDriver {
    static func main() {
        FuzzTarget.prepareProcessLikeTheCLI()
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else {
            usage("give a command and a target: run|seeds|replay \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|"))")
        }
        let command = arguments.removeFirst()
        arguments.removeFirst()
        let options = Options(arguments)
        guard ["run", "seeds", "replay", "input"].contains(command) else { usage("unknown command \(command)") }
        let status: Int32
        do {
            let scratch = try FuzzScratch()
            // `exit` runs no `defer`: the folder is removed before the process ends.
            defer { scratch.remove() }
            switch command {
            case "run": status = try run(target, options, scratch)
            case "seeds": status = try writeSeeds(target, options, scratch)
            case "replay": status = replay(target, files: options.positional, scratch)
            case "input":
                let seeds = try FuzzSeeds(projectRoot: options.root, sharedData: options.shared).inputs(for: target, scratch: scratch)
                FileHandle.standardOutput.write(Data(MutationCampaign(target: target, seeds: seeds, seed: options.seed, inputs: 1).input(options.first)))
                status = 0
            default: status = 2
            }
        } catch {
            FileHandle.standardError.write(Data("nasreplay-fuzz: \(error)\n".utf8))
            exit(2)
        }
        exit(status)
    }

    static func run(_ target: FuzzTarget, _ options: Options, _ scratch: FuzzScratch) throws -> Int32 {
        let seeds = try FuzzSeeds(projectRoot: options.root, sharedData: options.shared).inputs(for: target, scratch: scratch)
        let campaign = MutationCampaign(target: target, seeds: seeds, seed: options.seed, inputs: options.inputs)
        CrashWatch.start(target: target.rawValue, seed: options.seed)
        let progress = { (done: Int, findings: Int) in
            FileHandle.standardError.write(Data("\(target.rawValue): \(done)/\(options.inputs) inputs, \(findings) findings\n".utf8))
        }
        let result = campaign.run(in: scratch, first: options.first, isolated: options.isolation,
                                  willRun: CrashWatch.willRun, progress: progress)
        CrashWatch.willRun(-1)
        for finding in result.findings.prefix(20) {
            print("finding at input \(finding.index): \(finding.finding)")
        }
        let verdict = result.findings.isEmpty ? "no finding (no crash, no hang, every refusal one line with exit status 2)" : "\(result.findings.count) findings"
        print("\(target.rawValue): \(result.inputs) inputs from \(seeds.count) seeds (seed \(options.seed)) in \(String(format: "%.1f", result.seconds)) s: "
              + "\(verdict); slowest input \(result.slowestIndex) took \(String(format: "%.3f", result.slowestSeconds)) s")
        return result.findings.isEmpty ? 0 : 1
    }

    static func writeSeeds(_ target: FuzzTarget, _ options: Options, _ scratch: FuzzScratch) throws -> Int32 {
        guard let folder = options.positional.first else { usage("seeds TARGET DIR: give the folder") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let seeds = try FuzzSeeds(projectRoot: options.root, sharedData: options.shared).inputs(for: target, scratch: scratch)
        for (i, seed) in seeds.enumerated() {
            try Data(seed).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("seed-\(i)")))
        }
        print("\(target.rawValue): \(seeds.count) seeds in \(folder)")
        return 0
    }

    static func replay(_ target: FuzzTarget, files: [String], _ scratch: FuzzScratch) -> Int32 {
        var status: Int32 = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { usage("cannot read \(file)") }
            do {
                let refusals = try target.run(Array(data), in: scratch)
                print("\(file): kept the invariants; " + (refusals.isEmpty ? "accepted" : "refused: " + refusals.joined(separator: " | ")))
            } catch {
                print("\(file): \(error)")
                status = 1
            }
        }
        return status
    }

    static func usage(_ message: String) -> Never {
        FileHandle.standardError.write(Data("nasreplay-fuzz: \(message); see scripts/fuzz/README.md\n".utf8))
        exit(2)
    }
}

/// The flags of `run` and `seeds`.
struct Options {
    var inputs = 100_000
    var seed: UInt64 = 1
    var first = 0
    var root = FileManager.default.currentDirectoryPath
    var shared = "../shared/data"
    var positional: [String] = []
    /// `--isolate yes`: each input in its own process (`IsolatedInput`), as well as each
    /// table parse (which the CLI does anyway).
    var isolation = false

    init(_ arguments: [String]) {
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { FuzzDriver.usage("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--inputs": guard let v = Int(value()), v >= 0 else { FuzzDriver.usage("--inputs takes a count") }; inputs = v
            case "--seed": guard let v = UInt64(value()) else { FuzzDriver.usage("--seed takes 0…2^64−1") }; seed = v
            case "--first": guard let v = Int(value()), v >= 0 else { FuzzDriver.usage("--first takes an input index") }; first = v
            case "--root": root = value()
            case "--shared": shared = value()
            case "--isolate": isolation = value() == "yes"
            default: positional.append(arguments[i])
            }
            i += 1
        }
    }
}

/// Names the input a crash or a hang happened on, so it can be replayed by index
/// (`run TARGET --seed S --first I --inputs 1`).
enum CrashWatch {
    static let current = Atomic<Int>(-1)
    static let startedAt = Atomic<UInt64>(0)
    nonisolated(unsafe) static var prefix: [UInt8] = []

    static func start(target: String, seed: UInt64) {
        prefix = Array("\nnasreplay-fuzz: \(target) (seed \(seed)) stopped on input ".utf8)
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            Glibc.signal(signal) { number in
                CrashWatch.report(CrashWatch.current.load(ordering: .relaxed), reason: " (crash)\n")
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
        }
        Thread.detachNewThread {
            while true {
                sleep(1)
                let index = current.load(ordering: .relaxed)
                let began = startedAt.load(ordering: .relaxed)
                if index >= 0, DispatchTime.now().uptimeNanoseconds - began > 10_000_000_000 {
                    report(index, reason: " (hang: more than 10 s)\n")
                    _exit(3)
                }
            }
        }
    }

    static func willRun(_ index: Int) {
        startedAt.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        current.store(index, ordering: .relaxed)
    }

    /// Signal-safe: `write(2)` of bytes prepared before the crash, and digits.
    static func report(_ index: Int, reason: StaticString) {
        prefix.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count) }
        var digits = [UInt8](repeating: 0, count: 24)
        var n = max(index, 0), k = digits.count
        repeat { k -= 1; digits[k] = UInt8(48 + n % 10); n /= 10 } while n > 0
        digits.withUnsafeBufferPointer { _ = write(2, $0.baseAddress! + k, $0.count - k) }
        _ = write(2, reason.utf8Start, reason.utf8CodeUnitCount)
    }
}
#endif
