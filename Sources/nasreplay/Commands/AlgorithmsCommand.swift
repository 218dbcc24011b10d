import ArgumentParser
import Experiments

struct AlgorithmsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "algorithms",
        abstract: "List the algorithm types specs can name, or show one type's keys.",
        discussion: """
          nasreplay algorithms                 every type, its short names and what it follows
          nasreplay algorithms show nsga2      its keys, with types, defaults and descriptions
        Both take --json.
        """,
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every algorithm type (the default).")
        @Flag(help: "Print JSON: every type with its keys and defaults.") var json = false

        func run() throws {
            let registry = AlgorithmRegistry.builtIn
            if json { print(registry.json); return }
            print(renderTable(["type", "short names", "summary"], registry.types.map { [$0.name, $0.aliases.joined(separator: ", "), $0.summary] }))
            print("")
            print("`nasreplay algorithms show TYPE` prints a type's keys and defaults.")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One type's keys, defaults and reference.")
        @Argument(help: "The type or a short name.") var type: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let registry = AlgorithmRegistry.builtIn
            guard let found = registry.type(named: type) else {
                throw InputError("unknown algorithm type '\(type)' (known: \(registry.namesDescription))")
            }
            print(json ? AlgorithmRegistry.json(found) : AlgorithmRegistry.description(found))
        }
    }
}
