/// Checks a `--name` for a table: it becomes `<datasets>/<name>.h5`, so it must be a plain
/// file name that cannot leave the folder.
func checkTableName(_ name: String) throws {
    let plain = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    guard !name.isEmpty, plain, !name.hasPrefix(".") else {
        throw InputError("--name '\(name)': use letters, digits, '-', '_' and '.' (the table is written to <datasets>/<name>.h5)")
    }
}
