/// The harness version, written into every table and result file it produces.
public enum NASReplayVersion {
    public static let string = "0.1.0"
}
