import Dispatch

/// `body(i)` for every `i` in `0..<count`, spread over the cores, the results in index
/// order: for the independent pieces of one job, such as the columns of a results file.
///
/// ```swift
/// let columns = concurrentMap(3) { c in concatenate(column: c) }   // three columns at once
/// ```
///
/// Each call writes only its own slot, so no lock is taken; the results are read after
/// `concurrentPerform` returns, which waits for every call.
///
/// - Throws: the error of the lowest index that threw, after every call has ended (a body
///   that cannot throw makes a call that cannot either).
public func concurrentMap<T, E: Error>(_ count: Int, _ body: @Sendable (Int) throws(E) -> T) throws(E) -> [T] {
    let slots = ResultSlots<T, E>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        do throws(E) { slots.set(i, .success(try body(i))) } catch { slots.set(i, .failure(error)) }
    }
    return try slots.values()
}

/// One result per index, each set by exactly one call of `concurrentMap`'s body.
private final class ResultSlots<T, E: Error>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Result<T, E>?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    func set(_ i: Int, _ result: Result<T, E>) { storage[i] = result }

    func values() throws(E) -> [T] {
        var values: [T] = []
        values.reserveCapacity(storage.count)
        for slot in storage { values.append(try slot!.get()) }
        return values
    }
}
