import CHDF5
import Foundation

/// The memory in which libhdf5's core driver builds a file, reachable in place: the driver
/// allocates through these callbacks (`H5Pset_file_image_callbacks`), so a finished file is
/// stamped and written from where libhdf5 built it instead of copied out first
/// (`H5Fget_file_image` copied 6 MB of a 300 × 1,000 run's runs.h5 into fresh pages; issue 18).
///
/// ```swift
/// let core = CoreImage()
/// try core.install(on: fapl)                // before H5Fcreate
/// // … write, H5Fflush …
/// let bytes = core.file(imageSize: H5Fget_file_image(file, nil, 0))   // user block, then the image
/// ```
///
/// The driver keeps the file at its absolute offsets, so the user block (which libhdf5
/// never writes; the driver zero-fills it) comes first and the superblock follows: after
/// a flush these are the bytes `H5Fget_file_image` would copy, after a user block.
/// `CoreImageTests` holds the two equal.
final class CoreImage {
    /// The driver's buffer and its size; nil before the first write and after the close.
    private(set) var memory: UnsafeMutableRawPointer?
    private(set) var capacity = 0

    /// Sets the callbacks on `fapl`; this object must outlive every file opened with it.
    func install(on fapl: hid_t) throws(HDF5Error) {
        var callbacks = H5FD_file_image_callbacks_t(
            image_malloc: { size, _, context in
                CoreImage.of(context).record(malloc(size), size)
            },
            image_memcpy: { target, source, size, _, _ in
                memcpy(target!, source!, size)
            },
            image_realloc: { pointer, size, _, context in
                CoreImage.of(context).record(realloc(pointer, size), size)
            },
            image_free: { pointer, _, context in
                let core = CoreImage.of(context)
                if core.memory == pointer { core.memory = nil; core.capacity = 0 }
                free(pointer)
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

    private func record(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        if let pointer { memory = pointer; capacity = size }
        return pointer
    }

    private static func of(_ context: UnsafeMutableRawPointer?) -> CoreImage {
        Unmanaged<CoreImage>.fromOpaque(context!).takeUnretainedValue()
    }
}
