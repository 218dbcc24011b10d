import SearchSpaces
import Synchronization

/// nasbench's answer for cells that no row's graph matches, remembered by canonical form.
///
/// ```swift
/// let memo = NB101HashMemo()
/// let row = memo.row(for: form) { bench.row(hashing: cell) }   // hashed once per form
/// ```
///
/// Why: on a sample table most cells a search meets are absent, and telling an absent cell
/// from a row published without a graph takes the full module hash (about 50 MD5
/// messages). Searches meet the same absent cells again and again (random specs prune to a
/// few thousand distinct cells), so each form is hashed once. The answer is a pure function
/// of the form, so remembering it changes no result, only the time.
///
/// Shared by every copy of the benchmark and safe across threads; the hash runs outside the
/// lock. At most `capacity` forms are kept (about 40 MB); beyond that, cells are hashed
/// every time.
final class NB101HashMemo: Sendable {
    let capacity: Int
    private let rows = Mutex<[NB101CanonicalForm: Int32]>([:])

    init(capacity: Int = 1 << 20) { self.capacity = capacity }

    /// The remembered answer for `form`, or `compute()`'s, remembered while there is room.
    func row(for form: NB101CanonicalForm, compute: () -> Int?) -> Int? {
        if let known = rows.withLock({ $0[form] }) { return known < 0 ? nil : Int(known) }
        let row = compute()
        rows.withLock { memo in
            if memo.count < capacity { memo[form] = Int32(row ?? -1) }
        }
        return row
    }
}
