import ArgumentParser
import Foundation

/// Where tables are kept and where source data is read from; shared by every command.
struct Locations: ParsableArguments {
    @Option(name: .customLong("datasets"), help: "Folder of built benchmark tables (.h5).")
    var datasetsFolder: String = ProcessInfo.processInfo.environment["NASREPLAY_DATASETS"] ?? "datasets"
}
