extension TrialRecord {
    /// The benchmark table's columns of a spec's objectives and reported metrics: a record
    /// whose every evaluation holds its table row's values (widened from the table's
    /// Float32) leaves them to the table (`Omitted.objectivesFromTable`,
    /// `.reportedFromTable`), and names the table by its digest so that a rebuilt table
    /// recomputes the trial instead of lending it other values.
    ///
    /// ```swift
    /// let columns = TrialRecord.TableColumns(digest: "9f2c…", objectives: [valid], reported: [test])
    /// TrialRecord.encode(result, trialHash: hash, objectiveCount: 1, reportedCount: 1, table: columns)
    /// ```
    struct TableColumns: Sendable {
        /// The first 16 hex digits of the table's `content_sha256`, as a number; never 0.
        let digest: UInt64
        /// One column per objective, in the spec's order.
        let objectives: [[Float]]
        /// One column per reported metric, in the spec's order.
        let reported: [[Float]]
        let rowCount: Int

        /// Nil when the digest is not hex or the columns differ in length (nothing is then
        /// left to the table).
        init?(contentDigest: String, objectives: [[Float]], reported: [[Float]]) {
            guard let digest = UInt64(contentDigest.prefix(16), radix: 16), digest != 0, let first = objectives.first,
                  (objectives + reported).allSatisfy({ $0.count == first.count }) else { return nil }
            self.digest = digest
            self.objectives = objectives
            self.reported = reported
            rowCount = first.count
        }

        /// Whether every row is one of the table's.
        func holds(_ rows: [Int32]) -> Bool {
            rows.allSatisfy { $0 >= 0 && Int($0) < rowCount }
        }

        /// Whether `values` ([rows × columns.count], row-major) are exactly the columns'
        /// values at `rows`. The rows must be held (`holds`).
        static func match(_ values: [Double], rows: [Int32], _ columns: [[Float]]) -> Bool {
            let w = columns.count
            guard w > 0, values.count == rows.count * w else { return false }
            for (i, row) in rows.enumerated() {
                for j in 0..<w where values[i * w + j].bitPattern != Double(columns[j][Int(row)]).bitPattern { return false }
            }
            return true
        }

        /// The columns' values at `rows`, [rows × columns.count] row-major. The rows must be held.
        static func values(at rows: [Int32], _ columns: [[Float]]) -> [Double] {
            let w = columns.count
            var values: [Double] = []
            values.reserveCapacity(rows.count * w)
            for row in rows {
                for column in columns { values.append(Double(column[Int(row)])) }
            }
            return values
        }
    }
}
