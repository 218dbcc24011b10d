/// HDF5's shuffle filter (`H5Z__filter_shuffle`): byte j of every element together, plane
/// after plane, for j in 0..<width, so that a deflate finds the runs in the high bytes of
/// numbers that change slowly.
///
/// ```swift
/// ByteShuffle.shuffle(rows, into: planes, elements: chunkBytes / 8, width: 8)
/// ```
///
/// Widths 8 and 4 (doubles, 32-bit integers: every dataset runs.h5 deflates but the flags)
/// move eight or four elements at a time as machine words, transposing their bytes with
/// masks and shifts; a byte-by-byte loop was a fifth of the time deflating a run's results
/// took. Any other width, and the elements left over, go byte by byte. Both give the bytes
/// of the filter.
enum ByteShuffle {
    /// Shuffles the `present` whole elements of `source` into `target`, whose planes are
    /// `elements` bytes apart (`elements` ≥ `present`; the rest of each plane is untouched).
    static func shuffle(_ source: UnsafeRawPointer, present: Int, into target: UnsafeMutableRawPointer, elements: Int, width: Int) {
        var done = 0
        if 1.littleEndian == 1 {
            if width == 8 { done = words8(source, present: present, into: target, elements: elements) }
            if width == 4 { done = words4(source, present: present, into: target, elements: elements) }
        }
        for e in done..<present {
            let element = source + e * width
            var plane = target + e
            for j in 0..<width {
                plane.storeBytes(of: element.load(fromByteOffset: j, as: UInt8.self), as: UInt8.self)
                plane += elements
            }
        }
    }

    /// Eight 8-byte elements at a time: their 8 × 8 bytes transposed in three rounds of
    /// swaps (halves, quarters, bytes), so word j holds byte j of each. Returns the
    /// elements done.
    private static func words8(_ source: UnsafeRawPointer, present: Int, into target: UnsafeMutableRawPointer, elements: Int) -> Int {
        var e = 0
        while e + 8 <= present {
            let s = source + e * 8
            var x0 = s.loadUnaligned(fromByteOffset: 0, as: UInt64.self), x1 = s.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            var x2 = s.loadUnaligned(fromByteOffset: 16, as: UInt64.self), x3 = s.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            var x4 = s.loadUnaligned(fromByteOffset: 32, as: UInt64.self), x5 = s.loadUnaligned(fromByteOffset: 40, as: UInt64.self)
            var x6 = s.loadUnaligned(fromByteOffset: 48, as: UInt64.self), x7 = s.loadUnaligned(fromByteOffset: 56, as: UInt64.self)
            swap(&x0, &x4, shift: 32, mask: 0x0000_0000_FFFF_FFFF)
            swap(&x1, &x5, shift: 32, mask: 0x0000_0000_FFFF_FFFF)
            swap(&x2, &x6, shift: 32, mask: 0x0000_0000_FFFF_FFFF)
            swap(&x3, &x7, shift: 32, mask: 0x0000_0000_FFFF_FFFF)
            swap(&x0, &x2, shift: 16, mask: 0x0000_FFFF_0000_FFFF)
            swap(&x1, &x3, shift: 16, mask: 0x0000_FFFF_0000_FFFF)
            swap(&x4, &x6, shift: 16, mask: 0x0000_FFFF_0000_FFFF)
            swap(&x5, &x7, shift: 16, mask: 0x0000_FFFF_0000_FFFF)
            swap(&x0, &x1, shift: 8, mask: 0x00FF_00FF_00FF_00FF)
            swap(&x2, &x3, shift: 8, mask: 0x00FF_00FF_00FF_00FF)
            swap(&x4, &x5, shift: 8, mask: 0x00FF_00FF_00FF_00FF)
            swap(&x6, &x7, shift: 8, mask: 0x00FF_00FF_00FF_00FF)
            let t = target + e
            t.storeBytes(of: x0, toByteOffset: 0, as: UInt64.self)
            t.storeBytes(of: x1, toByteOffset: elements, as: UInt64.self)
            t.storeBytes(of: x2, toByteOffset: 2 * elements, as: UInt64.self)
            t.storeBytes(of: x3, toByteOffset: 3 * elements, as: UInt64.self)
            t.storeBytes(of: x4, toByteOffset: 4 * elements, as: UInt64.self)
            t.storeBytes(of: x5, toByteOffset: 5 * elements, as: UInt64.self)
            t.storeBytes(of: x6, toByteOffset: 6 * elements, as: UInt64.self)
            t.storeBytes(of: x7, toByteOffset: 7 * elements, as: UInt64.self)
            e += 8
        }
        return e
    }

    /// Four 4-byte elements at a time, as `words8` with two rounds.
    private static func words4(_ source: UnsafeRawPointer, present: Int, into target: UnsafeMutableRawPointer, elements: Int) -> Int {
        var e = 0
        while e + 4 <= present {
            let s = source + e * 4
            var x0 = s.loadUnaligned(fromByteOffset: 0, as: UInt32.self), x1 = s.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
            var x2 = s.loadUnaligned(fromByteOffset: 8, as: UInt32.self), x3 = s.loadUnaligned(fromByteOffset: 12, as: UInt32.self)
            swap(&x0, &x2, shift: 16, mask: 0x0000_FFFF)
            swap(&x1, &x3, shift: 16, mask: 0x0000_FFFF)
            swap(&x0, &x1, shift: 8, mask: 0x00FF_00FF)
            swap(&x2, &x3, shift: 8, mask: 0x00FF_00FF)
            let t = target + e
            t.storeBytes(of: x0, toByteOffset: 0, as: UInt32.self)
            t.storeBytes(of: x1, toByteOffset: elements, as: UInt32.self)
            t.storeBytes(of: x2, toByteOffset: 2 * elements, as: UInt32.self)
            t.storeBytes(of: x3, toByteOffset: 3 * elements, as: UInt32.self)
            e += 4
        }
        return e
    }

    /// One round of the transpose: the `mask` parts of `b` move up by `shift` into `a`,
    /// the other parts of `a` down into `b`.
    @inline(__always)
    private static func swap<W: FixedWidthInteger>(_ a: inout W, _ b: inout W, shift: Int, mask: W) {
        let low = (a & mask) | ((b & mask) << shift)
        b = ((a >> shift) & mask) | (b & ~mask)
        a = low
    }
}
