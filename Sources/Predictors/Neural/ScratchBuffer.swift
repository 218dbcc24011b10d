/// A fixed-size block of `Float` owned by one training run, addressed by raw pointers.
///
/// ```swift
/// let scratch = ScratchBuffer(count: 1024)
/// let weights = scratch.base          // UnsafeMutablePointer<Float>, zero-filled
/// ```
///
/// Training loops touch the same activations, gradients and Adam moments millions of
/// times. Keeping them in one allocation made at the start of `fit` means the loops
/// allocate nothing, and pointer access stays cheap even in debug builds, where array
/// subscripts pay for uniqueness and bounds checks on every element. The buffer never
/// leaves the function that made it, so it need not be `Sendable`.
final class ScratchBuffer {
    let base: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { base.deallocate() }

    /// The buffer as an array, for storing fitted parameters in a value type.
    func array(from offset: Int, count: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: base + offset, count: count))
    }

    func load(_ values: [Float], at offset: Int) {
        values.withUnsafeBufferPointer { source in
            guard let start = source.baseAddress else { return }
            (base + offset).update(from: start, count: source.count)
        }
    }
}

/// Hands out consecutive regions of a `ScratchBuffer` while a model lays out its memory.
struct ScratchLayout {
    private(set) var count = 0

    /// Reserves `size` floats and returns their offset.
    mutating func reserve(_ size: Int) -> Int {
        defer { count += size }
        return count
    }
}
