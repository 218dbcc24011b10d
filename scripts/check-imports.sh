#!/usr/bin/env bash
# Checks the layers of docs/ARCHITECTURE.md ("Layers"; arrows point down only) against the code:
#
#   1. every target imports only the project modules its rule below allows;
#   2. every target's Package.swift dependencies are exactly the project modules it imports
#      (none missing, none unused), test targets included;
#   3. a module named in `internal_only` is imported `internal` (or narrower) in every file
#      of the target, so the compiler rejects a public declaration that shows its types.
#
#   bash scripts/check-imports.sh          # this checkout
#   bash scripts/check-imports.sh ROOT     # any tree with Package.swift, Sources/ and Tests/
#
# Prints one line per problem, `file:line: what is wrong (the rule)`, and exits 1; prints
# one summary line and exits 0 when all holds. `make test` runs it before `swift test`;
# scripts/check-imports-test.sh shows that it catches a wrong arrow.
#
# Plain bash 3.2 and POSIX awk (mawk, gawk, BSD awk): it has to run on a bare macOS too.
set -eu

root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
root="${root%/}"
[ -f "$root/Package.swift" ] || { echo "check-imports: no Package.swift in $root" >&2; exit 2; }

# What each target may import from the project (targets and package products), as
# docs/ARCHITECTURE.md draws it. A target without a rule fails the check until it is given one.
allowed() {
    case "$1" in
        nasreplay)    echo "Experiments Analysis Optimizers Predictors Indicators Benchmarks SearchSpaces NASCore ArgumentParser" ;;
        # The fuzz targets sit beside the CLI: they call the readers the CLI calls.
        nasreplay-fuzz) echo "Fuzzing" ;;
        Fuzzing)      echo "Experiments Analysis Indicators Benchmarks NASCore HDF5Kit" ;;
        Experiments)  echo "Analysis Optimizers Predictors Indicators Benchmarks SearchSpaces NASCore HDF5Kit TOMLKit" ;;
        Analysis)     echo "Indicators NASCore" ;;
        Optimizers)   echo "Predictors Indicators SearchSpaces NASCore" ;;
        Predictors)   echo "NASCore SIMDKernels" ;;
        SIMDKernels)  echo "" ;;  # C, below Predictors; it imports nothing
        Indicators)   echo "NASCore" ;;
        Benchmarks)   echo "SearchSpaces NASCore HDF5Kit CZlib CBZip2" ;;
        SearchSpaces) echo "NASCore" ;;
        NASCore)      echo "" ;;
        HDF5Kit)      echo "CHDF5 CZlib" ;;
        *)            return 1 ;;
    esac
}

# Modules a target uses but must not show in its public API: "All HDF5 calls sit in
# HDF5Kit", and only Benchmarks' store converts its tables to and from HDF5.
internal_only() {
    case "$1" in
        Benchmarks) echo "HDF5Kit CZlib CBZip2" ;;
        *)          echo "" ;;
    esac
}

# The toolchain's and the platform's modules: always allowed, never a dependency.
system_modules=" Foundation FoundationEssentials FoundationInternationalization FoundationNetworking FoundationXML"
system_modules="$system_modules Dispatch Glibc Musl Darwin Android WinSDK ucrt CoreFoundation Synchronization"
system_modules="$system_modules Observation RegexBuilder Distributed _Concurrency _StringProcessing os Testing XCTest "

# Package.swift → one line per target: kind name path deps (path and deps "-" when
# absent, deps comma-separated). A small tokenizer, not a Swift parser: it follows the
# bracket depth so that only the `name:`, `path:` and `dependencies:` of a declaration in
# `targets: [...]` count, whatever the line breaks.
parse_package() {
    awk '
    { src = src $0 "\n" }
    END {
        n = length(src); nt = 0; i = 1
        while (i <= n) {
            c = substr(src, i, 1)
            if (c == "/" && substr(src, i + 1, 1) == "/") { while (i <= n && substr(src, i, 1) != "\n") i++; continue }
            if (c == "/" && substr(src, i + 1, 1) == "*") {
                j = index(substr(src, i + 2), "*/"); i = j ? i + j + 3 : n + 1; continue
            }
            if (c == "\"") {
                j = i + 1; s = ""
                while (j <= n && substr(src, j, 1) != "\"") {
                    if (substr(src, j, 1) == "\\") { s = s substr(src, j, 2); j += 2 } else { s = s substr(src, j, 1); j++ }
                }
                tok[++nt] = "\"" s; i = j + 1; continue
            }
            if (c ~ /[A-Za-z0-9_.]/) {
                j = i; while (j <= n && substr(src, j, 1) ~ /[A-Za-z0-9_.]/) j++
                tok[++nt] = substr(src, i, j - i); i = j; continue
            }
            if (index("[](),:", c)) tok[++nt] = c
            i++
        }
        depth = 0; inTargets = 0; decl = 0; inDeps = 0
        for (k = 1; k <= nt; k++) {
            t = tok[k]
            if (t == "(" || t == "[") { depth++; continue }
            if (t == ")" || t == "]") {
                depth--
                if (inDeps && depth < depsDepth) inDeps = 0
                if (decl && depth < declDepth) {
                    print kind, name, (path == "" ? "-" : path), (deps == "" ? "-" : deps); decl = 0
                }
                if (inTargets && depth < targetsDepth) inTargets = 0
                continue
            }
            if (!inTargets && t == "targets" && tok[k + 1] == ":" && tok[k + 2] == "[") { inTargets = 1; targetsDepth = depth + 1; continue }
            if (inTargets && !decl && depth == targetsDepth && t ~ /^\.[A-Za-z]+$/ && tok[k + 1] == "(") {
                decl = 1; kind = substr(t, 2); name = ""; path = ""; deps = ""; declDepth = depth + 1; continue
            }
            if (!decl) continue
            if (depth == declDepth && tok[k + 1] == ":") {
                if (t == "name" && tok[k + 2] ~ /^"/) name = substr(tok[k + 2], 2)
                if (t == "path" && tok[k + 2] ~ /^"/) path = substr(tok[k + 2], 2)
                if (t == "dependencies" && tok[k + 2] == "[") { inDeps = 1; depsDepth = depth + 1 }
                continue
            }
            # A dependency is a string: "Name", .product(name: "Name", package: "pkg"),
            # .target(name: "Name"); the package of a product is not a module.
            if (inDeps && t ~ /^"/ && !(tok[k - 2] == "package" && tok[k - 1] == ":")) {
                deps = deps (deps == "" ? "" : ",") substr(t, 2)
            }
        }
    }' "$root/Package.swift"
}

# The imports of some Swift files: file, line, access (public, package, internal, …) and
# module, tab-separated. Lines inside block comments and multi-line string literals are not
# code, and an import without a modifier is public (Swift 6 without InternalImportsByDefault).
scan_imports() {
    awk '
    function count(s, pat,   n, p) { n = 0; while ((p = index(s, pat)) > 0) { n++; s = substr(s, p + length(pat)) } return n }
    FNR == 1 { inString = 0; inComment = 0 }
    {
        line = $0
        if (inComment) { p = index(line, "*/"); if (!p) next; inComment = 0; line = substr(line, p + 2) }
        if (inString) { if (count(line, "\"\"\"") % 2 == 1) inString = 0; next }
        if (line ~ /^[ \t]*(@[A-Za-z_]+(\([^)]*\))?[ \t]+)*((public|package|internal|fileprivate|private)[ \t]+)?import[ \t]+[A-Za-z_]/) {
            access = "public"
            if (line ~ /@_implementationOnly/) access = "internal"
            if (match(line, /(public|package|internal|fileprivate|private)[ \t]+import[ \t]/)) {
                access = substr(line, RSTART, RLENGTH); sub(/[ \t].*/, "", access)
            }
            rest = line; sub(/^.*import[ \t]+/, "", rest)
            sub(/^(typealias|struct|class|enum|protocol|let|var|func)[ \t]+/, "", rest)
            match(rest, /^[A-Za-z_][A-Za-z0-9_]*/)
            printf "%s\t%d\t%s\t%s\n", FILENAME, FNR, access, substr(rest, RSTART, RLENGTH)
        }
        if (count(line, "\"\"\"") % 2 == 1) inString = 1
        p = index(line, "/*"); if (p && !index(substr(line, p), "*/")) inComment = 1
    }' "$@"
}

has() { case " $1 " in *" $2 "*) return 0 ;; *) return 1 ;; esac; }

targets="$(parse_package)"
[ -n "$targets" ] || { echo "Package.swift: no targets found (check-imports reads the targets: [...] list)"; exit 1; }

# Project modules: every target, and every package product a target depends on.
project=" "
while read -r kind name path deps; do
    project="$project$name "
    [ "$deps" = "-" ] || project="$project$(echo "$deps" | tr ',' ' ') "
done <<EOF
$targets
EOF

problems=0
fail() { echo "$1"; problems=$((problems + 1)); }
checked=0

while read -r kind name path deps; do
    case "$kind" in systemLibrary|binaryTarget) continue ;; esac
    checked=$((checked + 1))
    if [ "$path" = "-" ]; then
        if [ "$kind" = "testTarget" ]; then path="Tests/$name"; else path="Sources/$name"; fi
    fi
    deps=" $( [ "$deps" = "-" ] || echo "$deps" | tr ',' ' ') "
    rule=""
    if [ "$kind" != "testTarget" ]; then
        if ! rule="$(allowed "$name")"; then
            fail "Package.swift: target $name has no rule in scripts/check-imports.sh; give it the imports docs/ARCHITECTURE.md's layers allow it"
            continue
        fi
    fi
    hidden="$(internal_only "$name")"
    files="$(find "$root/$path" -name '*.swift' -type f 2>/dev/null | sort)"
    if [ -z "$files" ] && [ -n "$(find "$root/$path" -name '*.c' -type f 2>/dev/null)" ]; then
        # A C target (SIMDKernels) can import no project module; it may depend on none.
        [ "$deps" = "  " ] || fail "Package.swift: C target $name depends on $(echo $deps); a C target may depend on no project module"
        continue
    fi
    [ -n "$files" ] || { fail "Package.swift: target $name has no Swift files under $path"; continue; }
    imported=" "
    # shellcheck disable=SC2086  # file names in this tree have no spaces
    while IFS="$(printf '\t')" read -r file line access module; do
        [ -n "$module" ] || continue
        where="${file#"$root"/}:$line"
        has "$system_modules" "$module" && continue
        [ "$module" = "$name" ] && continue
        if ! has "$project" "$module"; then
            fail "$where: $name imports $module, which is neither a target nor a dependency of Package.swift nor a system module (add it to system_modules in scripts/check-imports.sh if it ships with the toolchain)"
            continue
        fi
        imported="$imported$module "
        if [ "$kind" != "testTarget" ] && ! has "$rule" "$module"; then
            fail "$where: $name imports $module, against the layers of docs/ARCHITECTURE.md ($name may import: ${rule:-nothing from the project}; rule in scripts/check-imports.sh)"
        fi
        if ! has "$deps" "$module"; then
            fail "$where: $name imports $module, which is not among the dependencies of $name in Package.swift (dependencies must equal imports)"
        fi
        if has "$hidden" "$module"; then
            case "$access" in internal|fileprivate|private) ;; *)
                fail "$where: $name imports $module as $access; write 'internal import $module' ($name's public API must not expose $module)" ;;
            esac
        fi
    done <<EOF
$(scan_imports $files)
EOF
    for dep in $deps; do
        has "$imported" "$dep" || fail "Package.swift: $name depends on $dep, which no file under $path imports (dependencies must equal imports)"
    done
done <<EOF
$targets
EOF

if [ "$problems" -gt 0 ]; then
    echo "check-imports: $problems problem(s); the layers are drawn in docs/ARCHITECTURE.md, the rules kept in scripts/check-imports.sh" >&2
    exit 1
fi
echo "check-imports: $checked targets import only what docs/ARCHITECTURE.md's layers allow, and depend on exactly what they import"
