import ArgumentParser
import Foundation
import NASCore

/// Where tables are kept and where source data is read from; shared by every command.
struct Locations: ParsableArguments {
    @Option(name: .customLong("datasets"), help: "Folder of built benchmark tables (.h5).")
    var datasetsFolder: String = EnvironmentVariable.value("NASREPLAY_DATASETS") ?? "datasets"
}
