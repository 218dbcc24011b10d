/// Splits a byte stream into lines, refusing any line longer than a bound: input that never
/// ends its line cannot grow without limit (the idea of `ExternalProcess.longestLine`, for
/// what `nasreplay serve` reads on its stdin).
///
/// ```swift
/// var lines = BoundedLines(longest: ServeSession.longestLine)
/// for piece in lines.feed(bytes) {
///     switch piece { case .line(let text): …; case .tooLong(let bytes, let start): … }
/// }
/// for piece in lines.finish() { … }          // at the end of the stream
/// ```
///
/// An over-long line is not kept: its first bytes are, for the error message, and the rest
/// is counted and dropped up to its newline. Lines are UTF-8; the newline is not part of them.
public struct BoundedLines: Sendable {
    public enum Piece: Sendable, Equatable {
        case line(String)
        /// A line of `bytes` bytes (more than `longest`), beginning with `start`.
        case tooLong(bytes: Int, start: String)
    }

    /// The longest line kept, in bytes.
    public let longest: Int
    /// The start of the line not yet ended.
    private var pending: [UInt8] = []
    /// While an over-long line is dropped: its length so far and its first bytes.
    private var dropping: (bytes: Int, start: String)?
    static let startBytes = 200

    public init(longest: Int) { self.longest = longest }

    /// The lines `chunk` ends, in order.
    /// - Complexity: O(chunk), amortised.
    public mutating func feed(_ chunk: ArraySlice<UInt8>) -> [Piece] {
        var pieces: [Piece] = []
        var from = chunk.startIndex
        while let newline = chunk[from...].firstIndex(of: 0x0A) {
            pieces.append(end(chunk[from..<newline]))
            from = newline + 1
        }
        keep(chunk[from...])
        return pieces
    }

    /// The last line, when the stream ends without a newline.
    public mutating func finish() -> [Piece] {
        if dropping != nil || !pending.isEmpty { return [end([])] }
        return []
    }

    private mutating func keep(_ bytes: ArraySlice<UInt8>) {
        if let d = dropping {
            dropping = (d.bytes + bytes.count, d.start)
            return
        }
        pending += bytes
        if pending.count > longest {
            dropping = (pending.count, String(decoding: pending.prefix(Self.startBytes), as: UTF8.self))
            pending = []
        }
    }

    private mutating func end(_ last: ArraySlice<UInt8>) -> Piece {
        if let d = dropping {
            dropping = nil
            return .tooLong(bytes: d.bytes + last.count, start: d.start)
        }
        defer { pending.removeAll(keepingCapacity: true) }
        guard pending.count + last.count <= longest else {
            let whole = pending + last
            return .tooLong(bytes: whole.count, start: String(decoding: whole.prefix(Self.startBytes), as: UTF8.self))
        }
        if pending.isEmpty { return .line(String(decoding: last, as: UTF8.self)) }
        return .line(String(decoding: pending + last, as: UTF8.self))
    }
}
