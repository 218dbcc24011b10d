import CHDF5
import Foundation

/// The memory in which libhdf5's core driver builds a file, reachable in place: the driver
/// allocates through these callbacks (`H5Pset_file_image_callbacks`), so a finished file is
/// stamped where libhdf5 built it instead of copied out first (`H5Fget_file_image` copied
/// 6 MB of a 300 × 1,000 run's runs.h5 into fresh pages; issue 18).
///
/// ```swift
/// let core = CoreImage()                    // or CoreImage(mapping: fd): built in the file
/// try core.install(on: fapl)                // before H5Fcreate
/// // … write, H5Fflush …
/// let bytes = core.file(imageSize: H5Fget_file_image(file, nil, 0))   // user block, then the image
/// ```
///
/// The memory is the heap's, or a file's pages mapped shared (`init(mapping:)`): libhdf5
/// then builds the file in the page cache itself, and nothing is copied into the file
/// afterwards. Writing 6 MB through `write` after building it in the heap touches 12 MB of
/// fresh memory, the mapped file 6 MB: in this project's VM fresh memory costs 0.5 to
/// 10 ms per MB (issue 18, BENCHMARKS.md). The file is grown with `posix_fallocate` before
/// it is mapped, so its blocks are reserved and a full disk is an error here, not a fault
/// later (copy-on-write filesystems excepted: docs/LIMITS.md).
///
/// The driver keeps the file at its absolute offsets, so the user block (which libhdf5
/// never writes; the driver zero-fills it) comes first and the superblock follows: after
/// a flush these are the bytes `H5Fget_file_image` would copy, after a user block.
/// `CoreImageTests` holds the two equal.
final class CoreImage {
    /// The driver's buffer and its size; nil before the first write and after the close.
    private(set) var memory: UnsafeMutableRawPointer?
    private(set) var capacity = 0
    /// The open file whose pages are the memory; nil: the heap.
    private let mappedFile: Int32?
    /// Why the file could not be grown or mapped: libhdf5 itself says only that it had no
    /// memory.
    private(set) var failure: String?

    /// Memory from the heap.
    init() { mappedFile = nil }

    /// Memory that is the file open for reading and writing on `fd`: the file is resized to
    /// each size the driver asks for, and holds the image when the driver is done. The
    /// caller closes `fd`.
    init(mapping fd: Int32) { mappedFile = fd }

    /// Sets the callbacks on `fapl`; this object must outlive every file opened with it.
    func install(on fapl: hid_t) throws(HDF5Error) {
        var callbacks = H5FD_file_image_callbacks_t(
            image_malloc: { size, _, context in
                CoreImage.of(context).resize(nil, to: size)
            },
            image_memcpy: { target, source, size, _, _ in
                memcpy(target!, source!, size)
            },
            image_realloc: { pointer, size, _, context in
                CoreImage.of(context).resize(pointer, to: size)
            },
            image_free: { pointer, _, context in
                CoreImage.of(context).release(pointer)
                return 0
            },
            // One object serves every copy of the property list: it is only a pointer.
            udata_copy: { context in context },
            udata_free: { _ in 0 },
            udata: Unmanaged.passUnretained(self).toOpaque())
        guard H5Pset_file_image_callbacks(fapl, &callbacks) >= 0 else {
            throw HDF5Error(file: "", message: "cannot set the in-memory file's callbacks", stack: ErrorStack.drain())
        }
    }

    /// The finished file: the user block (zeroed here) then the `imageSize` bytes of the
    /// image, with the superblock's file consistency flags cleared as `H5Fget_file_image`
    /// clears them in its copy (the open file is marked open for writing; the copy is a
    /// closed file). Nil when the driver holds fewer bytes, or the superblock is of a
    /// version other than 0 or 1 (whose flags are the 4 bytes at offset 20, outside any
    /// checksum): the caller then copies the image out.
    func file(imageSize: Int) -> UnsafeMutableRawBufferPointer? {
        let block = FileChecksum.userBlockSize
        guard let memory, imageSize > 24, capacity >= block + imageSize else { return nil }
        let image = memory + block
        guard image.load(fromByteOffset: 8, as: UInt8.self) <= 1 else { return nil }
        (image + 20).initializeMemory(as: UInt8.self, repeating: 0, count: 4)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: block)
        return UnsafeMutableRawBufferPointer(start: memory, count: block + imageSize)
    }

    /// Ends the file's following of the memory (a mapped file's; nothing for the heap): the
    /// memory becomes a private copy of the file's pages in place, so what libhdf5 writes
    /// from here on (at the close it rewrites the superblock, with a smaller end of file
    /// after it frees its unused space) stays out of a file that is complete and stamped.
    /// - Returns: the system's reason when it cannot.
    func detachFile() -> String? {
        guard let fd = mappedFile, let memory else { return nil }
        guard mmap(memory, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0) == memory else {
            return "cannot detach the file from libhdf5's memory: \(String(cString: strerror(errno)))"
        }
        return nil
    }

    /// `malloc` (`old` nil) or `realloc`: on failure nil, and `old` still valid.
    private func resize(_ old: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer? {
        guard let fd = mappedFile else { return record(old == nil ? malloc(size) : realloc(old, size), size) }
        guard size > 0 else { return nil }
        // Grown (and its blocks reserved) before it is mapped; shrunk after the larger
        // mapping is gone. The bytes live in the file, so a new mapping holds the old ones.
        if size > capacity {
            guard ftruncate(fd, off_t(size)) == 0 else { return fail("cannot grow the file") }
            let reserved = posix_fallocate(fd, 0, off_t(size))
            guard reserved == 0 else { return fail("cannot reserve the file's space", code: reserved) }
        }
        guard let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), mapped != MAP_FAILED else {
            return fail("cannot map the file")
        }
        if size > capacity { Self.populate(mapped + capacity, size - capacity) }
        if let old { munmap(old, capacity) }
        if size < capacity { _ = ftruncate(fd, off_t(size)) }
        return record(mapped, size)
    }

    /// Faults in the pages of a new stretch of the mapped file, half on each of two
    /// threads, before libhdf5 writes them (it clears them first): a write fault on a
    /// shared file mapping costs several times an anonymous one here, and taken one by one
    /// they were most of writing runs.h5 (issue 18). `MADV_POPULATE_WRITE` (Linux 5.14)
    /// faults a range in one call; where the kernel lacks it, the pages fault as written.
    private static func populate(_ start: UnsafeMutableRawPointer, _ count: Int) {
        let populateWrite: Int32 = 23   // MADV_POPULATE_WRITE, not in Glibc's Swift module
        let page = Int(getpagesize())
        let half = count / 2 / page * page
        guard half >= 256 << 10 else {
            _ = madvise(start, count, populateWrite)
            return
        }
        // An address, not a pointer, crosses to the other thread: the range is only advised.
        let address = UInt(bitPattern: start)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            _ = madvise(UnsafeMutableRawPointer(bitPattern: address + UInt(part == 0 ? 0 : half)),
                        part == 0 ? half : count - half, populateWrite)
        }
    }

    /// `free`: a mapping is unmapped, its bytes staying in the file.
    private func release(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        if mappedFile == nil { free(pointer) } else if pointer == memory { munmap(pointer, capacity) }
        if pointer == memory { memory = nil; capacity = 0 }
    }

    private func record(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        if let pointer { memory = pointer; capacity = size }
        return pointer
    }

    private func fail(_ what: String, code: Int32 = errno) -> UnsafeMutableRawPointer? {
        failure = "\(what): \(String(cString: strerror(code)))"
        return nil
    }

    private static func of(_ context: UnsafeMutableRawPointer?) -> CoreImage {
        Unmanaged<CoreImage>.fromOpaque(context!).takeUnretainedValue()
    }
}
