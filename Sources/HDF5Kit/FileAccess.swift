import CHDF5

/// The file-access property list every open for reading uses: HDF5's own file locking off.
/// (Writes build the file in memory, see `HDF5File.write`.)
///
/// ```swift
/// let fapl = try FileAccess.withoutLocking(path)
/// defer { H5Pclose(fapl) }
/// ```
///
/// Why: HDF5 takes a `flock` on each file it opens, and a child process started while a
/// file is open (an external algorithm's client, `Process` on Linux) inherits the
/// descriptor and with it the lock, so a later open of that file, complete and renamed into
/// place, fails with "unable to lock file" for as long as the child lives. Every write here
/// goes to a private temporary file that is renamed when complete, and every open in this
/// process is serialised by `HDF5Library`'s lock, so HDF5's lock protects nothing we need.
enum FileAccess {
    static func withoutLocking(_ path: String) throws(HDF5Error) -> hid_t {
        let fapl = H5Pcreate(chdf5_p_file_access())
        guard fapl >= 0 else { throw HDF5Error(file: path, message: "cannot create a file-access property list", stack: ErrorStack.drain()) }
        guard H5Pset_file_locking(fapl, false, true) >= 0 else {
            H5Pclose(fapl)
            throw HDF5Error(file: path, message: "cannot switch off HDF5 file locking", stack: ErrorStack.drain())
        }
        return fapl
    }
}
