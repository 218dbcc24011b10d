/// What an attempt to take a lock found (`FileLock`, `TrialClaim`).
public enum LockAttempt<Holder> {
    /// Taken: the holder releases it (or its process dies).
    case acquired(Holder)
    /// Held by another process (or another description in this one); its owner line.
    case busy(owner: String)
    /// The filesystem refuses locks (`ENOLCK`, `EOPNOTSUPP`): the reason, for one notice.
    case unsupported(reason: String)
}
