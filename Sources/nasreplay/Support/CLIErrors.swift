import Benchmarks
import Experiments
import HDF5Kit
import Indicators
import NASCore
import SearchSpaces

/// Bad input from the user (a file, a name, an argument): one line, exit code 2.
struct InputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A run that started and failed: one line, exit code 1.
struct RunFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, turning the library's input errors into `InputError` so the CLI prints one
/// line and exits 2 instead of dumping a Swift error.
func asInput<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as BenchmarkError { throw InputError(e.description) }
    catch let e as ImportError { throw InputError(e.description) }
    catch let e as NATSArchError { throw InputError(e.description) }
    catch let e as HDF5Error { throw InputError(e.description) }
    catch let e as ObjectiveError { throw InputError(e.description) }
    catch let e as IndicatorError { throw InputError(e.description) }
    catch let e as SearchSpaceError { throw InputError(e.description) }
    catch let e as SpecError { throw InputError(e.description) }
    catch let e as GenericCSVMapping.MappingError { throw InputError(e.description) }
}

/// Runs `body`, turning failures of a started run into `RunFailure` (exit 1).
func asRun<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as InputError { throw e }
    catch let e as SpecError { throw InputError(e.description) }
    catch let e as RunError { throw RunFailure(e.description) }
    catch let e as HDF5Error { throw RunFailure(e.description) }
    catch let e as BenchmarkError { throw InputError(e.description) }
    catch { throw RunFailure("\(error)") }
}
