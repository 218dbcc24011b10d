import HDF5Kit

/// The bytes of one finished trial: a record in a segment (`TrialJournal`), or the whole of a
/// `trials/<label>/trial-NNNNNN.rec` file of a folder written on 2026-12-05 (`TrialFile`).
/// Written once per trial, so it is a flat record that costs a copy and a hash, not an HDF5
/// file with compression (issue 18); its header gives its size (`frame`).
///
/// ```swift
/// let bytes = TrialRecord.encode(result, trialHash: spec.trialHash, objectiveCount: 2, reportedCount: 1)
/// let back = try TrialRecord.decode(bytes, for: slot)   // throws TrialFile.Rejected: recompute
/// ```
///
/// ```text
/// "NRTRIAL3"                                  8 bytes
/// trial_hash, algorithm                       each: u32 byte count, UTF-8
/// trial, seed, stalled, unanswered,           u64 each
/// evaluations n, objectives k, reported r,
/// curve points h (0 or n), front size m,
/// omitted (`Omitted`'s bits), table digest
/// log/row i32[n]  log/objectives f64[n × k]  log/reported f64[n × r]  log/cost f64[n]
/// log/cumulative_cost f64[n]  log/exact u8[n]  curves/best_signal f64[n]
/// curves/incumbent_reported f64[n × r]  curves/hv f64[h]  curves/normalized_hv f64[h]
/// front/rows i32[m]
/// XXH64 (seed 0) of every byte above          u64
/// ```
///
/// An array that the record's other arrays give bit for bit (the running total of the
/// costs, say), or the benchmark table's rows do (`TableColumns`), is left out when the
/// encoder has checked that it does, and the decoder makes it again the same way
/// (`Omitted`): a run of 300 aging-evolution trials × 1,000 wrote 16 MB of records, 1.6 MB
/// of them now. The table digest names the table values were left to (0: none).
/// `NRTRIAL2` records (no table digest, nothing left to the table) and `NRTRIAL1` records
/// (no `omitted` field either: every array present) are read as before.
///
/// Little-endian throughout. The counts in the header fix the file's size, so a truncated
/// or extended file is refused before any array is allocated, and the trailing digest
/// catches any changed byte (an accident or an edit, not a forger: anyone can compute it).
enum TrialRecord {
    static let magic = Array("NRTRIAL3".utf8)
    /// Records written before values could be left to the table: read, never written.
    static let secondMagic = Array("NRTRIAL2".utf8)
    /// Records written before arrays could be left out: read, never written.
    static let firstMagic = Array("NRTRIAL1".utf8)
    static let magics = [magic, secondMagic, firstMagic]

    /// - Complexity: O(evaluations × (objectives + reported metrics)): one copy of the
    ///   arrays into a buffer of the exact size, and one hash.
    static func encode(_ t: TrialResult, trialHash: String, objectiveCount k: Int, reportedCount r: Int,
                       table: TableColumns? = nil) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(t, trialHash: trialHash, objectiveCount: k, reportedCount: r, table: table, into: &bytes)
        return bytes
    }

    /// `encode`, written over what `bytes` held: a buffer kept for its capacity.
    static func encode(_ t: TrialResult, trialHash: String, objectiveCount k: Int, reportedCount r: Int,
                       table: TableColumns? = nil, into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        let hash = Array(trialHash.utf8), algorithm = Array(t.algorithm.utf8)
        let n = t.rows.count, h = t.hypervolume.count, m = t.frontRows.count
        let omitted = Omitted(of: t, objectiveCount: k, reportedCount: r, table: table)
        let tableDigest = omitted.isDisjoint(with: .fromTable) ? 0 : table?.digest ?? 0
        let header = 8 + 8 + hash.count + algorithm.count + 11 * 8
        let size = header + arraysBytes(n: n, nk: t.objectives.count, nw: t.reported.count, h: h, m: m, omitted: omitted) + 8
        var w = Writer(reusing: &bytes, capacity: size)
        defer { bytes = w.bytes }
        w.bytes.append(contentsOf: magic)
        w.text(hash)
        w.text(algorithm)
        for field in [UInt64(t.trial), t.seed, t.stalled ? 1 : 0, UInt64(t.unanswered), UInt64(n), UInt64(k), UInt64(r), UInt64(h), UInt64(m),
                      omitted.rawValue, tableDigest] {
            w.integers([field])
        }
        w.integers(t.rows)
        if !omitted.contains(.objectivesFromTable) { w.doubles(t.objectives) }
        if !omitted.contains(.reportedFromTable) { w.doubles(t.reported) }
        if !omitted.contains(.cost) { w.doubles(t.cost) }
        if !omitted.contains(.cumulativeCost) { w.doubles(t.cumulativeCost) }
        w.integers(t.exact)
        if omitted.isDisjoint(with: [.bestSignalIsMaximum, .bestSignalIsMinimum]) { w.doubles(t.bestSignal) }
        if !omitted.contains(.incumbentReported) { w.doubles(t.incumbentReported) }
        w.doubles(t.hypervolume)
        w.doubles(t.normalizedHypervolume)
        w.integers(t.frontRows)
        let digest = w.bytes.withUnsafeBytes { XXH64.hash($0) }
        w.integers([digest])
    }

    /// The bytes of a record's arrays (between its header and its digest), given its
    /// counts: n evaluations, nk objective and nw reported values, h curve points, m front
    /// rows.
    static func arraysBytes(n: Int, nk: Int, nw: Int, h: Int, m: Int, omitted: Omitted) -> Int {
        let doublesPerEvaluation = (omitted.contains(.cost) ? 0 : 1) + (omitted.contains(.cumulativeCost) ? 0 : 1)
            + (omitted.isDisjoint(with: [.bestSignalIsMaximum, .bestSignalIsMinimum]) ? 1 : 0)
        let incumbent = omitted.contains(.incumbentReported) ? 0 : nw
        let logged = (omitted.contains(.objectivesFromTable) ? 0 : nk) + (omitted.contains(.reportedFromTable) ? 0 : nw)
        return 4 * n + 8 * (logged + doublesPerEvaluation * n + incumbent + 2 * h) + n + 4 * m
    }

    /// The record's header fields from its first bytes, the reader left after them; nil
    /// where they are not there or not a record's. Older layouts read as leaving out
    /// nothing (`NRTRIAL1`) and naming no table (`NRTRIAL1`, `NRTRIAL2`).
    private static func header(_ r: inout Reader)
        -> (hash: String, algorithm: String, fields: [UInt64], omitted: Omitted, tableDigest: UInt64)? {
        guard let version = magics.firstIndex(where: { r.raw.starts(with: $0) }) else { return nil }
        r.offset = magic.count
        guard let hash = r.text(), let algorithm = r.text(), let fields = r.integers(11 - version, as: UInt64.self) else { return nil }
        let omitted = version < 2 ? Omitted(rawValue: fields[9]) : []
        return (hash, algorithm, Array(fields.prefix(9)), omitted, version == 0 ? fields[10] : 0)
    }

    /// The trial `bytes` hold, checked to be the one `slot` names.
    ///
    /// - Throws: `TrialFile.Rejected` when the bytes are cut short, extended, changed, or hold
    ///   another algorithm's or trial's results or other widths; `TrialFile.OtherSpec` when
    ///   they are intact but were written under another trial hash.
    /// - Complexity: O(bytes).
    static func decode(_ bytes: [UInt8], for slot: TrialFile.Slot) throws -> TrialResult {
        let unreadable = TrialFile.Rejected(reason: "cannot be read (truncated or damaged)")
        return try bytes.withUnsafeBytes { raw in
            var r = Reader(raw: raw)
            guard raw.count >= magic.count + 8, let (hash, algorithm, fields, omitted, tableDigest) = header(&r), omitted.isValid else {
                throw unreadable
            }
            // Each count is at most the file's size, so the sizes below cannot overflow.
            guard fields[4...].allSatisfy({ $0 <= UInt64(raw.count) }) else { throw unreadable }
            let n = Int(fields[4]), k = Int(fields[5]), w = Int(fields[6]), h = Int(fields[7]), m = Int(fields[8])
            let (nk, o1) = n.multipliedReportingOverflow(by: k), (nw, o2) = n.multipliedReportingOverflow(by: w)
            guard !o1, !o2, nk <= raw.count, nw <= raw.count else { throw unreadable }
            let expected = r.offset + arraysBytes(n: n, nk: nk, nw: nw, h: h, m: m, omitted: omitted) + 8
            guard expected == raw.count else { throw unreadable }
            let body = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 8)])
            let stored = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self))
            guard XXH64.hash(body) == stored else {
                throw TrialFile.Rejected(reason: "does not match its content checksum (edited or damaged)")
            }
            guard hash == slot.trialHash else { throw TrialFile.OtherSpec() }
            guard let trial = Int(exactly: fields[0]), let unanswered = Int(exactly: fields[3]), fields[2] <= 1 else { throw unreadable }
            guard algorithm == slot.algorithm, trial == slot.trial else {
                throw TrialFile.Rejected(reason: "holds trial \(trial) of '\(algorithm)', not trial \(slot.trial) of '\(slot.algorithm)' (copied over?)")
            }
            guard k == slot.objectiveCount, w == slot.reportedCount, h == 0 || h == n,
                  k > 0 || omitted.isDisjoint(with: [.bestSignalIsMaximum, .bestSignalIsMinimum]) else {
                throw TrialFile.Rejected(reason: "has \(k) objective and \(w) reported columns or ragged logs, not the spec's \(slot.objectiveCount) and \(slot.reportedCount)")
            }
            var table: TableColumns?
            if !omitted.isDisjoint(with: .fromTable) {
                guard let columns = slot.table, columns.digest == tableDigest else {
                    throw TrialFile.Rejected(reason: "leaves its values to another build of the benchmark table")
                }
                table = columns
            }
            // The sizes add up to the file's, checked above, so every read below succeeds.
            let rows = r.integers(n, as: Int32.self)!
            if let table, !table.holds(rows) { throw unreadable }
            // `table` is there whenever a bit below is set.
            let objectives = omitted.contains(.objectivesFromTable) ? TableColumns.values(at: rows, table?.objectives ?? []) : r.doubles(nk)
            let reported = omitted.contains(.reportedFromTable) ? TableColumns.values(at: rows, table?.reported ?? []) : r.doubles(nw)
            let cost = omitted.contains(.cost) ? ZeroColumn.shared([Double](repeating: 0, count: n)) : r.doubles(n)
            let cumulativeCost = omitted.contains(.cumulativeCost) ? ZeroColumn.shared(Omitted.runningTotal(cost)) : r.doubles(n)
            let exact = r.integers(n, as: UInt8.self)!
            var bestSignal: [Double], incumbentReported: [Double]
            if omitted.isDisjoint(with: [.bestSignalIsMaximum, .bestSignalIsMinimum]) {
                bestSignal = r.doubles(n)
                incumbentReported = r.doubles(nw)
            } else {
                let (best, setBy) = Omitted.bestSignal(objectives: objectives, k: k, maximum: omitted.contains(.bestSignalIsMaximum))
                bestSignal = best
                incumbentReported = omitted.contains(.incumbentReported) ? Omitted.incumbent(reported: reported, r: w, setBy: setBy) : r.doubles(nw)
            }
            return TrialResult(
                algorithm: algorithm, trial: trial, seed: fields[1],
                rows: rows, objectives: objectives, reported: reported,
                cost: cost, cumulativeCost: cumulativeCost, exact: exact,
                bestSignal: bestSignal, incumbentReported: incumbentReported, hypervolume: r.doubles(h),
                normalizedHypervolume: r.doubles(h), frontRows: r.integers(m, as: Int32.self)!,
                stalled: fields[2] == 1, unanswered: unanswered)
        }
    }

    /// What starts at the front of some bytes of a segment (`TrialJournal`).
    enum Frame: Equatable {
        /// A record of `trial`, `size` bytes long (not yet checked: `decode` does that).
        case record(trial: Int, size: Int)
        /// Too few bytes to tell: the end of a file that is being written or was cut short.
        case incomplete
        /// Not the start of a record.
        case invalid
    }

    /// The most bytes `frame` reads: the magic, the two texts and the nine to eleven fields, with
    /// room for any label a spec can give.
    static let maximumHeaderBytes = 4096

    /// The record whose header starts `raw`, from its header alone.
    ///
    /// - Complexity: O(1)
    static func frame(_ raw: UnsafeRawBufferPointer) -> Frame {
        guard raw.count >= magic.count else {
            return magics.contains { raw.elementsEqual($0.prefix(raw.count)) } ? .incomplete : .invalid
        }
        guard magics.contains(where: { raw.starts(with: $0) }) else { return .invalid }
        var r = Reader(raw: raw)
        guard let (_, _, fields, omitted, _) = header(&r) else {
            return raw.count < maximumHeaderBytes ? .incomplete : .invalid
        }
        let limit = UInt64(TrialFile.maximumBytes)
        guard omitted.isValid, fields[4...].allSatisfy({ $0 <= limit }), let trial = Int(exactly: fields[0]) else { return .invalid }
        let n = Int(fields[4]), k = Int(fields[5]), w = Int(fields[6]), h = Int(fields[7]), m = Int(fields[8])
        let (nk, o1) = n.multipliedReportingOverflow(by: k), (nw, o2) = n.multipliedReportingOverflow(by: w)
        guard !o1, !o2, nk <= TrialFile.maximumBytes, nw <= TrialFile.maximumBytes else { return .invalid }
        let size = r.offset + arraysBytes(n: n, nk: nk, nw: nw, h: h, m: m, omitted: omitted) + 8
        guard size <= TrialFile.maximumBytes else { return .invalid }
        return .record(trial: trial, size: size)
    }

    /// Appends little-endian values to a buffer sized once.
    private struct Writer {
        var bytes: [UInt8]
        /// Takes `buffer`'s storage (empty, leaving `buffer` so too), so appends go to pages
        /// already in use.
        init(reusing buffer: inout [UInt8], capacity: Int) {
            bytes = []
            swap(&bytes, &buffer)
            bytes.reserveCapacity(capacity)
        }

        mutating func text(_ utf8: [UInt8]) {
            integers([UInt32(utf8.count)])
            bytes.append(contentsOf: utf8)
        }

        mutating func integers<T: FixedWidthInteger>(_ values: [T]) {
            #if _endian(little)
            values.withUnsafeBytes { bytes.append(contentsOf: $0) }
            #else
            values.map(\.littleEndian).withUnsafeBytes { bytes.append(contentsOf: $0) }
            #endif
        }

        mutating func doubles(_ values: [Double]) {
            #if _endian(little)
            values.withUnsafeBytes { bytes.append(contentsOf: $0) }
            #else
            integers(values.map(\.bitPattern))
            #endif
        }
    }

    /// Reads little-endian values in order; nil past the end.
    private struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        mutating func integers<T: FixedWidthInteger>(_ count: Int, as: T.Type) -> [T]? {
            let size = count * MemoryLayout<T>.size
            guard count >= 0, size <= raw.count - offset else { return nil }
            let start = offset
            offset += size
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count {
                    buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + i * MemoryLayout<T>.size, as: T.self))
                }
                initialized = count
            }
        }

        mutating func doubles(_ count: Int) -> [Double] {
            integers(count, as: UInt64.self)!.map(Double.init(bitPattern:))
        }

        mutating func text() -> String? {
            guard let count = integers(1, as: UInt32.self)?[0], Int(count) <= raw.count - offset else { return nil }
            defer { offset += Int(count) }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + Int(count))]), as: UTF8.self)
        }
    }
}
