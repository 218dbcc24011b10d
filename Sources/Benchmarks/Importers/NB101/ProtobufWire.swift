/// The few pieces of the protobuf wire format (protobuf.dev "Encoding") that
/// `ModelMetrics` needs: varints, 64-bit fields, and length-delimited fields.
///
/// ```swift
/// var reader = ProtobufWireReader(bytes)
/// while let (field, wire) = try reader.nextKey() { … try reader.double() … }
/// ```
///
/// Hand-written because the project takes no protobuf dependency for one small message.
struct ProtobufWireReader {
    enum Failure: Error { case truncated, badVarint, badWireType(Int) }

    private let bytes: [UInt8]
    private var index: Int
    private let end: Int

    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        self.index = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? bytes.count
    }

    var isAtEnd: Bool { index >= end }

    /// The next field number and wire type, or nil at the end of the message.
    mutating func nextKey() throws(Failure) -> (field: Int, wire: Int)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        return (Int(key >> 3), Int(key & 7))
    }

    mutating func varint() throws(Failure) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < end else { throw .truncated }
            let b = bytes[index]; index += 1
            guard shift < 64 else { throw .badVarint }
            value |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return value }
            shift += 7
        }
    }

    mutating func fixed64() throws(Failure) -> UInt64 {
        guard end - index >= 8 else { throw .truncated }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[index + k]) << UInt64(8 * k) }
        index += 8
        return v
    }

    mutating func double() throws(Failure) -> Double { Double(bitPattern: try fixed64()) }

    /// The byte range of a length-delimited field's payload; the reader moves past it.
    mutating func lengthDelimited() throws(Failure) -> Range<Int> {
        let n = try varint()
        guard n <= UInt64(end - index) else { throw .truncated }
        let range = index..<(index + Int(n))
        index += Int(n)
        return range
    }

    /// Skips a field of an unknown number, as every protobuf reader must.
    mutating func skip(wire: Int) throws(Failure) {
        switch wire {
        case 0: _ = try varint()
        case 1: _ = try fixed64()
        case 2: _ = try lengthDelimited()
        case 5:
            guard end - index >= 4 else { throw .truncated }
            index += 4
        default: throw .badWireType(wire)
        }
    }

    func slice(_ range: Range<Int>) -> ProtobufWireReader { ProtobufWireReader(bytes, range: range) }
    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}

/// Encodes the same subset; used to write fixtures in the upstream format.
struct ProtobufWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }

    mutating func key(_ field: Int, wire: Int) { varint(UInt64(field << 3 | wire)) }

    mutating func double(_ field: Int, _ value: Double) {
        key(field, wire: 1)
        let bits = value.bitPattern
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * k))) }
    }

    /// proto2 `int32`: negative values are sign-extended to ten varint bytes.
    mutating func int32(_ field: Int, _ value: Int32) {
        key(field, wire: 0)
        varint(UInt64(bitPattern: Int64(value)))
    }

    mutating func bytes(_ field: Int, _ payload: [UInt8]) {
        key(field, wire: 2)
        varint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }
}
