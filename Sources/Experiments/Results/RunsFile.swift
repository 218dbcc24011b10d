import NASCore

/// `runs.h5` of a search experiment as typed values: what was run (`provenance`) and, per
/// algorithm configuration, its evaluation log, curves and fronts. The one type that writes
/// the file and the one that reads it (layout in `RunsFile+HDF5.swift` and README's
/// "Results" section).
///
/// ```swift
/// let runs = try RunsFile.read("results/nats-tss-multi/runs.h5")
/// runs.provenance.objectives                       // [c10_valid_200ep:max, lat_ms_raspi4:min]
/// runs.configuration("nsga2")?.curves.normalizedHypervolume?[0].last
/// try runs.write(to: "copy/runs.h5")               // the same file again
/// ```
///
/// Nothing in it depends on timing or threads, so identical trials give an identical file,
/// and `read` then `write` gives back the file that was read.
public struct RunsFile: Sendable, Equatable {
    public var provenance: Provenance
    /// In the order they were run (the spec's order).
    public var configurations: [Configuration]

    public init(provenance: Provenance, configurations: [Configuration]) {
        self.provenance = provenance; self.configurations = configurations
    }

    /// The configuration stored under `label` (as stored: see `Setup.label`), or nil.
    ///
    /// - Complexity: O(configurations)
    public func configuration(_ label: String) -> Configuration? {
        configurations.first { $0.setup.label == label }
    }
}
