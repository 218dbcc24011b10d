import Experiments
import Foundation

/// What the benches that time whole processes share: a scratch folder, removed afterwards,
/// and a child process that must succeed.
///
/// ```swift
/// try withBenchFolder { folder in try runChecked("/usr/bin/env", ["python3", script]) }
/// ```
func withBenchFolder<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nasreplay-bench-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}

/// Runs `executable` with `arguments`, its standard output discarded; a non-zero exit is an error.
///
/// Started with `posix_spawn` and reaped with `waitpid`, not with Foundation's `Process`,
/// whose `waitUntilExit` on Linux polls its run loop in 50 ms slices: the bench measured a
/// 160 ms run as about 200 ms.
func runChecked(_ executable: String, _ arguments: [String]) throws {
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    var pid = pid_t()
    let started = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard started == 0 else {
        throw RunError("bench: cannot start \(executable): \(String(cString: strerror(started)))", status: .runFailed)
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    guard status == 0 else {
        let detail = status & 0x7f != 0 ? "was killed by signal \(status & 0x7f)" : "exited with status \((status >> 8) & 0xff)"
        throw RunError("bench: \(([executable] + arguments).joined(separator: " ")) \(detail)", status: .runFailed)
    }
}
