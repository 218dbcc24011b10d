import Foundation

/// One record of `nasbench_*.tfrecord`: the JSON list
/// `[module_hash, epochs, raw_adjacency, raw_operations, raw_metrics]`.
///
/// ```swift
/// let row = try NB101TFRecordRow(json: record.bytes)
/// row.epochs                        // 108
/// let metrics = try row.metrics()   // base64 → NB101ModelMetrics
/// ```
///
/// Layout from google-research/nasbench `api.py` (`NASBench.__init__`) and ALGORITHMS.md
/// §4.1: `raw_adjacency` is V² '0'/'1' characters, row-major; `raw_operations` is
/// comma-separated nasbench op names; `raw_metrics` is a base64 `ModelMetrics`. The JSON is
/// parsed by a small strict reader for exactly this shape, because a general JSON parser
/// would dominate the import time of 5 M records.
public struct NB101TFRecordRow: Sendable, Equatable {
    public var moduleHash: String
    public var epochs: Int
    public var adjacency: String
    public var operations: String
    /// Base64 text of the serialized `ModelMetrics`.
    public var rawMetrics: String

    public init(moduleHash: String, epochs: Int, adjacency: String, operations: String, rawMetrics: String) {
        self.moduleHash = moduleHash; self.epochs = epochs; self.adjacency = adjacency
        self.operations = operations; self.rawMetrics = rawMetrics
    }

    public init(moduleHash: String, epochs: Int, adjacency: String, operations: String, metrics: NB101ModelMetrics) {
        self.init(moduleHash: moduleHash, epochs: epochs, adjacency: adjacency, operations: operations,
                  rawMetrics: Data(metrics.protobufEncoded()).base64EncodedString())
    }

    /// - Throws: `NB101RecordError` saying which element is missing or malformed.
    /// - Complexity: O(n) in the record size.
    public init(json bytes: [UInt8]) throws(NB101RecordError) {
        var p = JSONCursor(bytes: bytes)
        try p.expect(UInt8(ascii: "["), "a JSON list")
        moduleHash = try p.string("module_hash")
        try p.expect(UInt8(ascii: ","), "',' after module_hash")
        epochs = try p.integer("epochs")
        try p.expect(UInt8(ascii: ","), "',' after epochs")
        adjacency = try p.string("raw_adjacency")
        try p.expect(UInt8(ascii: ","), "',' after raw_adjacency")
        operations = try p.string("raw_operations")
        try p.expect(UInt8(ascii: ","), "',' after raw_operations")
        rawMetrics = try p.string("raw_metrics")
        try p.expect(UInt8(ascii: "]"), "']' closing the 5-element list")
        p.skipSpace()
        guard p.isAtEnd else { throw NB101RecordError("unexpected text after the JSON list") }
    }

    /// The JSON text, as Python's `json.dumps` writes such a list.
    public var json: [UInt8] {
        Array("[\"\(moduleHash)\", \(epochs), \"\(adjacency)\", \"\(operations)\", \"\(rawMetrics)\"]".utf8)
    }

    public func metrics() throws(NB101RecordError) -> NB101ModelMetrics {
        guard let data = Data(base64Encoded: rawMetrics) else {
            throw NB101RecordError("raw_metrics is not valid base64")
        }
        return try NB101ModelMetrics(protobuf: [UInt8](data))
    }
}

/// A strict reader for JSON strings and integers inside one record.
private struct JSONCursor {
    let bytes: [UInt8]
    var i = 0

    var isAtEnd: Bool { i >= bytes.count }

    mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(NB101RecordError) {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { throw NB101RecordError("expected \(what) in the record's JSON") }
        i += 1
    }

    mutating func string(_ name: String) throws(NB101RecordError) -> String {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw NB101RecordError("\(name) must be a JSON string") }
        i += 1
        let start = i
        var plain = true
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") { plain = false; i += 1 }
            i += 1
        }
        guard i < bytes.count else { throw NB101RecordError("\(name) is an unterminated JSON string") }
        let body = bytes[start..<i]
        i += 1
        if plain { return String(decoding: body, as: UTF8.self) }
        // Escapes never occur in nasbench's records; decode them properly anyway.
        let quoted = [UInt8(ascii: "\"")] + body + [UInt8(ascii: "\"")]
        guard let s = try? JSONDecoder().decode(String.self, from: Data(quoted)) else {
            throw NB101RecordError("\(name) has a malformed escape")
        }
        return s
    }

    mutating func integer(_ name: String) throws(NB101RecordError) -> Int {
        skipSpace()
        let start = i
        while i < bytes.count, (bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")) || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard let v = Int(String(decoding: bytes[start..<i], as: UTF8.self)) else {
            throw NB101RecordError("\(name) must be a JSON integer")
        }
        return v
    }
}
