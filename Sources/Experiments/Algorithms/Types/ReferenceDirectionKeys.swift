import Optimizers

/// The reference-direction keys NSGA-III and U-NSGA-III share: pymoo's energy directions
/// (DyNAS-T's `get_reference_directions("energy", n_obj, 20)`) by default, Das–Dennis on
/// request. The objective count is known only when a trial starts, so the keys name a rule.
enum ReferenceDirectionKeys {
    static let keys = [
        AlgorithmKey("ref_dirs", .string(options: ["energy", "das-dennis"]), default: .value(.string("energy")),
                     "energy: pymoo's Riesz s-energy directions (stored pymoo arrays for 2 and 3 objectives); das-dennis: the simplex lattice"),
        AlgorithmKey("ref_points", .int(1...100_000), default: .value(.int(20)), "how many energy directions"),
        AlgorithmKey("partitions", .int(1...1_000), default: .derived("required with das-dennis"), "Das–Dennis partitions per objective"),
    ]

    static func read(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> NSGA3.ReferenceDirections {
        let points = try keys.int("ref_points") ?? 20
        let partitions = try keys.int("partitions")
        switch try keys.string("ref_dirs") ?? "energy" {
        case "das-dennis":
            guard let partitions else { throw keys.error(at: "ref_dirs", "ref_dirs = \"das-dennis\" needs partitions") }
            return .dasDennis(partitions: partitions)
        default:
            if partitions != nil { throw keys.error(at: "partitions", "partitions applies only to ref_dirs = \"das-dennis\"") }
            return .energy(points: points)
        }
    }
}
