#if LIBFUZZER
import Foundation
import Fuzzing

/// libFuzzer's entry point (scripts/fuzz/run.sh builds this with `-sanitize=fuzzer`): the
/// target named by `NASREPLAY_FUZZ_TARGET`, one input per call. A finding traps, so
/// libFuzzer saves the input as a crash.
nonisolated(unsafe) private var fuzzState: (target: FuzzTarget, scratch: FuzzScratch)?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if fuzzState == nil {
        let name = ProcessInfo.processInfo.environment["NASREPLAY_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set NASREPLAY_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue))")
        }
        FuzzTarget.prepareProcessLikeTheCLI()
        do { fuzzState = (target, try FuzzScratch()) } catch { fatalError("scratch folder: \(error)") }
    }
    guard let (target, scratch) = fuzzState else { return 0 }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do { try target.run(bytes, in: scratch) } catch { fatalError("\(error)") }
    return 0
}

/// libFuzzer's driver, started from the executable's entry point: SwiftPM renames an
/// executable target's `main` to `<module>_main` and points `main` at it, so this target
/// provides that symbol and hands over to libFuzzer (`LLVMFuzzerRunDriver`, libFuzzer ≥ 13).
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("nasreplay_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
#endif
