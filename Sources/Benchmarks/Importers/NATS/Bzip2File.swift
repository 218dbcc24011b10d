internal import CBZip2
import Foundation

/// Reads a whole bzip2 file into memory, decompressed (NATS-Bench's `.pickle.pbz2` files).
///
/// ```swift
/// let pickle = try Bzip2File.read("NATS-tss-v1_0-3ffb9-simple/000284.pickle.pbz2")
/// ```
///
/// Through libbz2's low-level stream interface, so every error is ours to report in one
/// line. The output is bounded before it grows (`maxBytes`): a bzip2 bomb cannot fill the
/// memory. Concatenated streams (what `bzip2` writes for `cat a.bz2 b.bz2`) are read to the
/// end; bytes after the last stream that are not one are an error.
public enum Bzip2File {
    /// The most decompressed bytes read from one file. An official cell file is about
    /// 0.33 MB and the size space's meta file 0.54 MB decompressed; the tss meta 1.4 MB.
    public static let defaultMaxBytes = 64 << 20

    public static func read(_ path: String, maxBytes: Int = defaultMaxBytes) throws(ImportError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, message: "file not found or unreadable")
        }
        return try decompress([UInt8](data), file: path, maxBytes: maxBytes)
    }

    /// The decompressed bytes of `input`; `file` names it in errors.
    public static func decompress(_ input: [UInt8], file: String, maxBytes: Int = defaultMaxBytes) throws(ImportError) -> [UInt8] {
        guard input.count >= 4, input[0] == UInt8(ascii: "B"), input[1] == UInt8(ascii: "Z"), input[2] == UInt8(ascii: "h") else {
            throw ImportError(file: file, message: "not a bzip2 file (no 'BZh' header); expected an official NATS-Bench .pickle.pbz2 file")
        }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        var failure: String?
        input.withUnsafeBytes { source in
            while offset < input.count && failure == nil {
                var stream = bz_stream()
                guard BZ2_bzDecompressInit(&stream, 0, 0) == BZ_OK else { failure = "cannot start bzip2 decompression"; return }
                defer { BZ2_bzDecompressEnd(&stream) }
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress!.assumingMemoryBound(to: CChar.self) + offset)
                stream.avail_in = UInt32(min(input.count - offset, Int(UInt32.max)))
                var status: Int32 = BZ_OK
                while status == BZ_OK {
                    status = chunk.withUnsafeMutableBytes { out -> Int32 in
                        stream.next_out = out.baseAddress!.assumingMemoryBound(to: CChar.self)
                        stream.avail_out = UInt32(out.count)
                        return BZ2_bzDecompress(&stream)
                    }
                    let produced = chunk.count - Int(stream.avail_out)
                    guard output.count + produced <= maxBytes else {
                        failure = "decompresses to more than \(maxBytes) bytes, the most read from one file; it is not an official NATS-Bench file"
                        return
                    }
                    output.append(contentsOf: chunk[0..<produced])
                    if status == BZ_OK && stream.avail_in == 0 && produced == 0 {
                        failure = "is truncated (the bzip2 stream ends early); download it again"
                        return
                    }
                }
                guard status == BZ_STREAM_END else {
                    failure = status == BZ_DATA_ERROR || status == BZ_DATA_ERROR_MAGIC
                        ? "holds damaged bzip2 data (error \(status)); download it again"
                        : "cannot be decompressed (bzip2 error \(status))"
                    return
                }
                offset = input.count - Int(stream.avail_in)
                if offset < input.count && !(input.count - offset >= 3 && input[offset] == UInt8(ascii: "B") && input[offset + 1] == UInt8(ascii: "Z") && input[offset + 2] == UInt8(ascii: "h")) {
                    failure = "has \(input.count - offset) bytes after its bzip2 stream that are not another stream; download it again"
                    return
                }
            }
        }
        if let failure { throw ImportError(file: file, message: failure) }
        return output
    }
}
