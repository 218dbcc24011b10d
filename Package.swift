// swift-tools-version: 6.0
import PackageDescription

// The search path's modules, in release builds:
// - without the run-time exclusivity checks: every access to a class's stored property (a
//   trial's evaluator, on every evaluation) called into the Swift runtime's access set. The
//   300 × 1,000 aging-evolution search took 0.73× the time without them (issue 18). Debug
//   builds, and so `make test`, keep them.
// - with cross-module optimisation, so Experiments can specialise the hot searches
//   (SpecializedSearch.swift) on concrete types.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "NASReplay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nasreplay", targets: ["nasreplay"]),
        .executable(name: "nasreplay-fuzz", targets: ["nasreplay-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // System libraries. `hdf5-serial` rather than `hdf5`: on Debian `hdf5.pc` is an
        // update-alternatives link that flips to the MPI build when one is installed.
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5-serial",
                       providers: [.apt(["libhdf5-dev"]), .brew(["hdf5"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // libbz2 has no pkg-config file on Debian; the module map links it by name.
        .systemLibrary(name: "CBZip2", providers: [.apt(["libbz2-dev"]), .brew(["bzip2"])]),

        // Each target's dependencies are exactly the modules it imports, and only the arrows
        // docs/ARCHITECTURE.md draws: scripts/check-imports.sh checks both (`make test` runs it).
        .target(name: "HDF5Kit", dependencies: ["CHDF5", "CZlib"]),
        .target(name: "NASCore", swiftSettings: hotPath),
        .target(name: "SearchSpaces", dependencies: ["NASCore"], swiftSettings: hotPath),
        .target(name: "Benchmarks", dependencies: ["NASCore", "SearchSpaces", "HDF5Kit", "CZlib", "CBZip2"], swiftSettings: hotPath),
        .target(name: "Indicators", dependencies: ["NASCore"], swiftSettings: hotPath),
        // The predictors' hot loops in C (the SMO solver's O(n) passes, the neural networks'
        // dense products), compiled for AVX-512, AVX2 and the baseline and chosen at run
        // time (Swift has no per-function target): one LINAS trial took 0.54× the time of
        // the two-lane Swift SMO passes, one GCN-surrogate trial 0.38× that of the Swift
        // products (issue 18). Optimised in debug builds too, as Predictors below.
        .target(name: "SIMDKernels", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        // Optimised in debug builds too: `make test` fits thousands of SVRs, boosted trees
        // and networks (the SVR cost-reuse test alone took 6 minutes at -Onone, when the
        // SMO's passes were Swift `SIMD2` steps; the rest of each SMO step still is Swift).
        .target(name: "Predictors", dependencies: ["NASCore", "SIMDKernels"],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))] + hotPath),
        .target(name: "Optimizers", dependencies: ["NASCore", "SearchSpaces", "Indicators", "Predictors"], swiftSettings: hotPath),
        .target(name: "Analysis", dependencies: ["NASCore"]),
        .target(name: "Experiments", dependencies: [
            "NASCore", "SearchSpaces", "Benchmarks", "Indicators", "Predictors", "Optimizers",
            "Analysis", "HDF5Kit", .product(name: "TOMLKit", package: "TOMLKit"),
        ], swiftSettings: hotPath),
        .executableTarget(name: "nasreplay", dependencies: [
            "NASCore", "SearchSpaces", "Benchmarks", "Indicators", "Predictors", "Optimizers",
            "Analysis", "Experiments",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The fuzz targets and their seeded mutation driver (scripts/fuzz/README.md): the
        // input readers exactly as the CLI calls them, and the invariants a reply must keep.
        .target(name: "Fuzzing", dependencies: ["NASCore", "HDF5Kit", "Benchmarks", "Indicators", "Analysis", "Experiments"]),
        .executableTarget(name: "nasreplay-fuzz", dependencies: ["Fuzzing"]),

        .testTarget(name: "HDF5KitTests", dependencies: ["HDF5Kit", "CHDF5"]),
        .testTarget(name: "NASCoreTests", dependencies: ["NASCore"]),
        .testTarget(name: "SearchSpacesTests", dependencies: ["SearchSpaces", "Benchmarks", "NASCore"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "SearchSpaces", "NASCore", "HDF5Kit"]),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators", "NASCore"]),
        .testTarget(name: "PredictorsTests", dependencies: ["Predictors", "NASCore"]),
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers", "Indicators", "Predictors", "SearchSpaces", "NASCore"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "NASCore"]),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "NASCore", "HDF5Kit", "Benchmarks"]),
        .testTarget(name: "ExperimentsTests", dependencies: [
            "Experiments", "Analysis", "Optimizers", "Predictors", "Benchmarks", "SearchSpaces", "NASCore", "HDF5Kit",
        ]),
    ]
)
