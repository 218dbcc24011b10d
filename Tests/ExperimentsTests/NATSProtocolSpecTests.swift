import Foundation
import NASCore
import Testing

/// `experiments/nats-protocol-*.toml` (NATS-Bench's own protocol: 12-epoch proxy, simulated
/// seconds, the full schedule's test accuracy) validate against tables imported from the
/// official files. The shared data hold three cells of each space: enough to check every
/// column and cost the specs name, too few to run them (README says so).
@Suite struct NATSProtocolSpecTests {
    static var repository: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    @Test("each protocol spec validates against its imported table", arguments: [("tss", "nats-tss-official", "200"), ("sss", "nats-sss", "90")])
    func protocolSpecsValidate(space: String, table: String, epochs: String) throws {
        let datasets = ExperimentFixtures.temporaryFolder()
        let official = SharedFolder.path("data/nats-official/\(space)", near: #filePath)
        let imported = try ExperimentFixtures.nasreplay(["datasets", "import", "nats-official", "--dir", official, "--datasets", datasets])
        try #require(imported.status == 0, "\(imported.stderr)")
        let spec = "\(Self.repository)/experiments/nats-protocol-\(space)-cifar10.toml"
        let r = try ExperimentFixtures.nasreplay(["run", spec, "--datasets", datasets, "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("benchmark           \(table): space nats-\(space == "tss" ? "topology" : "size"), 3 rows, 3 of the space's \(space == "tss" ? 15625 : 32768) cells"), "\(r.stdout)")
        #expect(r.stdout.contains("objectives          cifar10-valid_valid_acc@12ep:max"))
        #expect(r.stdout.contains("report              cifar10_test_acc@\(epochs)ep, cifar10-valid_test_acc@\(epochs)ep"))
        #expect(r.stdout.contains("cost                cifar10-valid_train_seconds@12ep"))
        #expect(r.stdout.contains("budget              20000.0 simulated seconds per trial"))
        // Without the imported table the spec says how to get it.
        let missing = try ExperimentFixtures.nasreplay(["run", spec, "--datasets", ExperimentFixtures.temporaryFolder(), "--dry-run"])
        #expect(missing.status == 2 && missing.stderr.contains(table), "\(missing.stderr)")
    }
}
