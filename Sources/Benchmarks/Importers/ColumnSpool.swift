import Foundation
internal import HDF5Kit

/// Columns of doubles gathered row by row, kept on disk instead of in memory, and read
/// back column by column: how an importer turns a source stored one row at a time (a
/// NATS-Bench cell file per architecture) into a table stored one column at a time,
/// without holding the table.
///
/// ```swift
/// let spool = try ColumnSpool(besides: "datasets/nats-tss-official.h5", rows: 15_625)
/// let c = spool.addColumn(width: 200)
/// try spool.append(row: 0, curve, to: c)       // rows ascending; a row never given is NaN
/// try spool.finish()
/// try spool.read(c, rows: 0..<4096, into: band)
/// ```
///
/// The scratch file is created in the output's folder and unlinked at once, so it takes
/// no name and a kill leaves nothing behind. Memory is at most `bufferValues` doubles per
/// column, plus the block index.
final class ColumnSpool {
    private struct Block { var offset: Int; var firstRow: Int; var rows: Int }
    private struct Column {
        var width: Int
        var blocks: [Block] = []
        /// Values of rows `bufferedFrom ..< rowsGiven` not yet written.
        var buffer: [Double] = []
        var bufferedFrom = 0
        var rowsGiven = 0
    }

    let rows: Int
    /// A column's values kept in memory before they are written as one block.
    let bufferValues: Int
    private let fd: Int32
    private let path: String
    private var end = 0
    private var columns: [Column] = []

    /// - Parameter besides: the output file; the scratch space is taken in its folder.
    init(besides output: String, rows: Int, bufferValues: Int = 32_768) throws(ImportError) {
        self.rows = rows
        self.bufferValues = bufferValues
        // A name no other writer uses (host, process, a counter), unlinked once open.
        path = TemporaryName.next(for: output) + ".spool"
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ImportError(file: path, message: "cannot create the import's scratch file: \(String(cString: strerror(errno)))")
        }
        unlink(path)
    }

    deinit { close(fd) }

    var columnCount: Int { columns.count }

    /// A new column of `width` values per row; its index.
    func addColumn(width: Int) -> Int {
        columns.append(Column(width: width))
        return columns.count - 1
    }

    func width(of column: Int) -> Int { columns[column].width }

    /// Stores row `row` of `column`: rows come in ascending order, and rows skipped since
    /// the column's last are NaN.
    func append(row: Int, _ values: [Double], to column: Int) throws(ImportError) {
        precondition(values.count == columns[column].width && row >= columns[column].rowsGiven && row < rows)
        try pad(column, to: row)
        columns[column].buffer += values
        columns[column].rowsGiven = row + 1
        if columns[column].buffer.count >= bufferValues { try flush(column) }
    }

    /// Pads every column with NaN to the last row and writes what is buffered.
    func finish() throws(ImportError) {
        for c in columns.indices {
            try pad(c, to: rows)
            try flush(c)
        }
    }

    /// Rows `range` of `column` into `values` (`range.count × width`). After `finish`.
    func read(_ column: Int, rows range: Range<Int>, into values: UnsafeMutableBufferPointer<Double>) throws(ImportError) {
        let width = columns[column].width
        precondition(values.count == range.count * width)
        for block in columns[column].blocks {
            let lower = max(block.firstRow, range.lowerBound), upper = min(block.firstRow + block.rows, range.upperBound)
            guard lower < upper else { continue }
            let bytes = (upper - lower) * width * 8
            let target = UnsafeMutableRawPointer(values.baseAddress! + (lower - range.lowerBound) * width)
            var done = 0
            while done < bytes {
                let n = pread(fd, target + done, bytes - done, off_t(block.offset + (lower - block.firstRow) * width * 8 + done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { throw ImportError(file: path, message: "cannot read the import's scratch file back: \(String(cString: strerror(errno)))") }
                done += n
            }
        }
    }

    private func pad(_ column: Int, to row: Int) throws(ImportError) {
        while columns[column].rowsGiven < row {
            let room = max(1, (bufferValues - columns[column].buffer.count) / columns[column].width)
            let n = min(row - columns[column].rowsGiven, room)
            columns[column].buffer += repeatElement(Double.nan, count: n * columns[column].width)
            columns[column].rowsGiven += n
            if columns[column].buffer.count >= bufferValues { try flush(column) }
        }
    }

    private func flush(_ column: Int) throws(ImportError) {
        let buffer = columns[column].buffer
        guard !buffer.isEmpty else { return }
        let failure = buffer.withUnsafeBytes { bytes -> String? in
            var done = 0
            while done < bytes.count {
                let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(end + done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return String(cString: strerror(errno)) }
                done += n
            }
            return nil
        }
        if let failure { throw ImportError(file: path, message: "cannot write the import's scratch file (\(failure)); free disk space beside the output") }
        let first = columns[column].bufferedFrom, count = buffer.count / columns[column].width
        columns[column].blocks.append(Block(offset: end, firstRow: first, rows: count))
        end += buffer.count * 8
        columns[column].buffer.removeAll(keepingCapacity: true)
        columns[column].bufferedFrom = first + count
    }
}
