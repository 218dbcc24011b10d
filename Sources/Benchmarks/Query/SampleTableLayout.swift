import SearchSpaces

/// The `/archs` group of a sample table (datasets/FORMAT.md, "Sample tables"): gene vectors
/// in DyNAS-T's encoding plus the layout that gives them meaning.
///
/// ```swift
/// let archs = SampleTableLayout.archColumns(layout: space.layout, genes: genes, configs: configs,
///                                           repeats: repeats, sources: masks, sourceNames: runs,
///                                           description: "five DyNAS-T runs")
/// let (layout, genes) = try SampleTableLayout.read(table)
/// ```
///
/// | dataset | type, shape | meaning |
/// |---|---|---|
/// | `genes` | int32 [rows, genes] | option index per gene, DyNAS-T's pymoo vector |
/// | `gene_names` | string [genes] | `ks[0]`, …, `d[4]` |
/// | `parameter_names`, `parameter_counts` | string, int32 [parameters] | the layout |
/// | `options/<parameter>` | float64 [options] | option values in index order |
/// | `config` | string [rows] | the row as its source writes it (dict literal, …) |
/// | `repeats` | int32 [rows] | source rows merged into this row (values averaged) |
/// | `sources` | int32 [rows] | bit i set when `source_names[i]` has the row |
/// | `source_names` | string [k] | the source files or runs |
public enum SampleTableLayout {
    /// The most genes a sample table's layout may have (OFA-MobileNetV3 has 45, FBNet 22).
    public static let maxGenes = 65_536

    public static func archColumns(layout: GeneLayout, genes: [[Int]], configs: [String], repeats: [Int],
                                   sources: [Int32], sourceNames: [String], description: String) -> ArchColumns {
        var archs = ArchColumns()
        archs.attributes["description"] = .string(description)
        archs.attributes["encoding"] = .string("gene index into options/<parameter>, parameters in parameter_names order (DyNAS-T pymoo vector)")
        archs["genes"] = ArchColumn(.int32(genes.flatMap { $0.map(Int32.init) }), shape: [genes.count, layout.geneCount])
        archs["gene_names"] = ArchColumn(.strings(layout.fieldNames))
        archs["parameter_names"] = ArchColumn(.strings(layout.parameters.map(\.name)))
        archs["parameter_counts"] = ArchColumn(.int32(layout.parameters.map { Int32($0.count) }))
        // One column per parameter in the `options` subgroup, after parameter_counts: the
        // order the format has always stored them in.
        for p in layout.parameters { archs["options/\(p.name)"] = ArchColumn(.float64(p.options)) }
        archs["config"] = ArchColumn(.strings(configs))
        archs["repeats"] = ArchColumn(.int32(repeats.map(Int32.init)))
        archs["sources"] = ArchColumn(.int32(sources))
        archs["source_names"] = ArchColumn(.strings(sourceNames))
        return archs
    }

    /// The layout and the gene vector of every row.
    ///
    /// - Throws: `BenchmarkError` naming the table and the dataset that is missing or malformed.
    public static func read(_ table: BenchmarkTable) throws(BenchmarkError) -> (layout: GeneLayout, genes: [[Int]]) {
        func fail(_ m: String) -> BenchmarkError {
            BenchmarkError(subject: table.name, message: "\(m); not a sample table, or rebuild it with `nasreplay datasets build \(table.name)`")
        }
        guard case .strings(let names)? = table.archs["parameter_names"]?.values,
              case .int32(let counts)? = table.archs["parameter_counts"]?.values, names.count == counts.count else {
            throw fail("/archs/parameter_names and /archs/parameter_counts are missing or differ in length")
        }
        var parameters: [GeneParameter] = []
        var genesSoFar = 0
        for (name, count) in zip(names, counts) {
            // Sizes from the file are bounded before any array is made from them.
            guard count >= 1, genesSoFar + Int(count) <= maxGenes else {
                throw fail("/archs/parameter_counts gives '\(name)' \(count) genes; each parameter needs 1 or more, \(maxGenes) in all (datasets/FORMAT.md, Limits)")
            }
            genesSoFar += Int(count)
            guard case .float64(let options)? = table.archs["options/\(name)"]?.values, !options.isEmpty else {
                throw fail("/archs/options/\(name) is missing")
            }
            parameters.append(GeneParameter(name, count: Int(count), options: options))
        }
        let layout = GeneLayout(parameters)
        guard let ds = table.archs["genes"], case .int32(let flat) = ds.values,
              ds.shape == [table.rows, layout.geneCount], flat.count == table.rows * layout.geneCount else {
            throw fail("/archs/genes must be int32 [\(table.rows), \(layout.geneCount)]")
        }
        var genes: [[Int]] = []
        genes.reserveCapacity(table.rows)
        for r in 0..<table.rows {
            let row = flat[(r * layout.geneCount)..<((r + 1) * layout.geneCount)].map(Int.init)
            do { try layout.validate(row) } catch { throw fail("/archs/genes row \(r): \(error)") }
            genes.append(row)
        }
        return (layout, genes)
    }

    /// A generic space over the table's own layout, sampling its rows (see `TabularGeneSpace`).
    public static func tabularSpace(_ table: BenchmarkTable, mutation: GeneMutation = .oneGene) throws(BenchmarkError) -> TabularGeneSpace {
        let (layout, genes) = try read(table)
        return TabularGeneSpace(name: table.searchSpace, layout: layout, members: genes.map(GeneVector.init(genes:)), mutation: mutation)
    }
}
