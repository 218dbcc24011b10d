import Foundation

/// Runs one input in its own process (fork), as the CLI reads one table per command.
///
/// ```swift
/// IsolatedInput.run(.tableResealed, bytes, in: scratch)   // nil, or "crash: … signal 11"
/// ```
///
/// Why: on some damaged metadata libhdf5 1.10 reports an error *and* leaves its own free
/// lists corrupt, so the next file read in the same process can crash (table-resealed
/// inputs 164 then 167). One input per process charges each crash to the input that
/// caused it. A child that dies on a signal is a crash and one that runs past 10 s is
/// killed as a hang.
enum IsolatedInput {
    static let hangSeconds: UInt64 = 10

    /// nil when the child kept the invariants; otherwise what went wrong.
    static func run(_ target: FuzzTarget, _ bytes: [UInt8], in scratch: FuzzScratch) -> String? {
        let pid = fork()
        if pid == 0 {
            do { try target.run(bytes, in: scratch) } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                _exit(1)
            }
            _exit(0)
        }
        guard pid > 0 else { return "fork failed (errno \(errno))" }
        let deadline = DispatchTime.now().uptimeNanoseconds + hangSeconds * 1_000_000_000
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if DispatchTime.now().uptimeNanoseconds > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return "hang: more than \(hangSeconds) s"
            }
            usleep(100)
        }
        let signal = status & 0x7f
        if signal != 0 { return "crash: the reader died on signal \(signal)" }
        let code = (status >> 8) & 0xff
        return code == 0 ? nil : "broke an invariant (exit \(code)); replay the input to see which"
    }
}
