#!/usr/bin/env bash
# Shows that scripts/check-imports.sh catches what it is for: it runs the check on a small
# package in a temporary folder, clean and then with one mistake at a time, and expects a
# pass, or a failure whose line names the file and the rule.
#
#   bash scripts/check-imports-test.sh
#
# `make test` runs it with the check itself, before `swift test`.
set -eu

check="$(cd "$(dirname "$0")" && pwd)/check-imports.sh"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/check-imports-test.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
failures=0

# A package with the real layer names: NASCore ← SearchSpaces ← Benchmarks → HDF5Kit → CHDF5,
# and the CLI on top. Each case starts from this tree.
clean_tree() {
    rm -rf "$tmp/pkg"
    mkdir -p "$tmp/pkg"
    cd "$tmp/pkg"
    cat > Package.swift <<'EOF'
// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Layers",
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),  // a comment: "Fake"
    ],
    targets: [
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5-serial", providers: [.apt(["libhdf5-dev"])]),
        .target(name: "HDF5Kit", dependencies: ["CHDF5"]),
        .target(name: "NASCore"),
        .target(name: "SearchSpaces", dependencies: ["NASCore"]),
        .target(name: "Benchmarks", dependencies: [
            "NASCore", "SearchSpaces",
            "HDF5Kit",
        ]),
        .executableTarget(name: "nasreplay", dependencies: [
            "Benchmarks", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "HDF5Kit"]),
    ]
)
EOF
    mkdir -p Sources/CHDF5 Sources/HDF5Kit Sources/NASCore Sources/SearchSpaces Sources/Benchmarks/Store \
             Sources/nasreplay Tests/BenchmarksTests
    echo 'module CHDF5 [system] { header "shim.h" }' > Sources/CHDF5/module.modulemap
    printf 'import CHDF5\nimport Foundation\npublic struct H5Group {}\n' > Sources/HDF5Kit/H5Group.swift
    printf 'public struct Evaluation {}\n' > Sources/NASCore/Evaluation.swift
    printf 'import NASCore\npublic struct NB101Cell {}\n' > Sources/SearchSpaces/NB101Cell.swift
    printf 'import Foundation\ninternal import HDF5Kit\nimport NASCore\n' > Sources/Benchmarks/Store/BenchmarkStore.swift
    cat > Sources/Benchmarks/Table.swift <<'EOF'
import SearchSpaces
/// ```swift
/// import HDF5Kit
/// ```
/* import Experiments */
let text = """
    import Experiments
    """
EOF
    printf 'import ArgumentParser\nimport Benchmarks\n' > Sources/nasreplay/Main.swift
    printf 'import HDF5Kit\nimport Testing\n@testable import Benchmarks\n' > Tests/BenchmarksTests/StoreTests.swift
}

# expect_pass "what"   /   expect_fail "what" "text the failure line must hold"
expect_pass() {
    if out="$(bash "$check" "$tmp/pkg" 2>&1)"; then echo "ok   $1"; else
        echo "FAIL $1: the check failed on a correct tree:"; echo "$out" | sed 's/^/     /'; failures=$((failures + 1))
    fi
}
expect_fail() {
    if out="$(bash "$check" "$tmp/pkg" 2>&1)"; then
        echo "FAIL $1: the check passed"; failures=$((failures + 1))
    elif ! printf '%s\n' "$out" | grep -qF -- "$2"; then
        echo "FAIL $1: no line holds '$2':"; echo "$out" | sed 's/^/     /'; failures=$((failures + 1))
    else
        echo "ok   $1"
    fi
}

clean_tree
expect_pass "a tree that keeps the layers passes (imports in comments and strings are not imports)"

clean_tree
printf 'import HDF5Kit\n' >> Sources/nasreplay/Main.swift
perl -0pi -e 's/"Benchmarks", \.product/"Benchmarks", "HDF5Kit", .product/' Package.swift
expect_fail "the CLI importing HDF5Kit is a wrong arrow" \
    "Sources/nasreplay/Main.swift:3: nasreplay imports HDF5Kit, against the layers of docs/ARCHITECTURE.md"

clean_tree
printf 'import SearchSpaces\n' >> Sources/NASCore/Evaluation.swift
perl -0pi -e 's/\.target\(name: "NASCore"\)/.target(name: "NASCore", dependencies: ["SearchSpaces"])/' Package.swift
expect_fail "an arrow pointing up (NASCore → SearchSpaces) is a wrong arrow" \
    "Sources/NASCore/Evaluation.swift:2: NASCore imports SearchSpaces, against the layers of docs/ARCHITECTURE.md"

clean_tree
perl -0pi -e 's/"NASCore", "SearchSpaces",\n/"SearchSpaces",\n/' Package.swift
expect_fail "an import missing from Package.swift" \
    "Sources/Benchmarks/Store/BenchmarkStore.swift:3: Benchmarks imports NASCore, which is not among the dependencies of Benchmarks"

clean_tree
perl -0pi -e 's/\["Benchmarks", "HDF5Kit"\]/["Benchmarks", "HDF5Kit", "NASCore"]/' Package.swift
expect_fail "a test target's unused dependency" \
    "Package.swift: BenchmarksTests depends on NASCore, which no file under Tests/BenchmarksTests imports"

clean_tree
printf 'import HDF5Kit\n' >> Sources/Benchmarks/Table.swift
expect_fail "Benchmarks importing HDF5Kit publicly" \
    "Sources/Benchmarks/Table.swift:9: Benchmarks imports HDF5Kit as public; write 'internal import HDF5Kit'"

clean_tree
perl -0pi -e 's/(\.testTarget)/.target(name: "Plugins", dependencies: ["NASCore"]),\n        $1/' Package.swift
mkdir -p Sources/Plugins && printf 'import NASCore\n' > Sources/Plugins/P.swift
expect_fail "a target the rules do not know" "Package.swift: target Plugins has no rule in scripts/check-imports.sh"

if [ "$failures" -gt 0 ]; then echo "check-imports-test: $failures case(s) failed" >&2; exit 1; fi
echo "check-imports-test: every case behaves"
