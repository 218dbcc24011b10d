import Foundation

/// A pickle reader that accepts only what NATS-Bench's official files hold, and never runs
/// code: 29 opcodes of protocol 4 and three named callables, each turned into plain data.
///
/// ```swift
/// let meta = try RestrictedUnpickler.load(try Bzip2File.read(path), file: path)
/// meta["meta_archs"]?.list?.count      // 15625
/// ```
///
/// `shared/data/nats-official/README.md` lists the opcodes and globals. The callables:
/// `collections.OrderedDict()` gives an empty dict; `numpy.dtype('f8', 0, 1)` a
/// float64 dtype, whose `BUILD` state must say little-endian (`'<'`); and
/// `numpy.core.multiarray.scalar(dtype, 8 bytes)` the little-endian double. Anything else
/// (another opcode, another global, a call with other arguments, a memo reference to a
/// container that could be mutated later) is refused with one line naming the file, the
/// byte offset and the opcode or global.
///
/// Work and memory are linear in the input: each opcode reads at least one byte, and a memo
/// fetch shares its value's storage instead of copying it.
public enum RestrictedUnpickler {
    /// The allowed globals, `module.name`.
    static let orderedDict = "collections.OrderedDict"
    static let numpyDType = "numpy.dtype"
    static let numpyScalar = "numpy.core.multiarray.scalar"
    static let allowedGlobals: Set<String> = [orderedDict, numpyDType, numpyScalar]

    /// The opcodes the official files use, by byte, with their pickletools names.
    static let opcodeNames: [UInt8: String] = [
        0x80: "PROTO", 0x95: "FRAME", 0x28: "MARK", 0x7d: "EMPTY_DICT", 0x5d: "EMPTY_LIST", 0x8f: "EMPTY_SET",
        0x8c: "SHORT_BINUNICODE", 0x94: "MEMOIZE", 0x4d: "BININT2", 0x4e: "NONE", 0x65: "APPENDS", 0x75: "SETITEMS",
        0x2e: "STOP", 0x4b: "BININT1", 0x4a: "BININT", 0x47: "BINFLOAT", 0x43: "SHORT_BINBYTES", 0x68: "BINGET",
        0x6a: "LONG_BINGET", 0x29: "EMPTY_TUPLE", 0x74: "TUPLE", 0x86: "TUPLE2", 0x87: "TUPLE3", 0x61: "APPEND",
        0x73: "SETITEM", 0x88: "NEWTRUE", 0x93: "STACK_GLOBAL", 0x52: "REDUCE", 0x62: "BUILD",
    ]

    /// Reads one pickle from `bytes`; `file` names it in errors.
    public static func load(_ bytes: [UInt8], file: String) throws(ImportError) -> PickleValue {
        var reader = Reader(bytes: bytes, file: file)
        return try reader.run()
    }

    private enum Item {
        case value(PickleValue)
        case mark
    }

    private struct Reader {
        let bytes: [UInt8]
        let file: String
        var offset = 0
        /// Where the current opcode started, for messages.
        var opcodeOffset = 0
        var opcode: UInt8 = 0
        var stack: [Item] = []
        var memo: [PickleValue] = []

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
        }

        func fail(_ message: String) -> ImportError {
            let name = RestrictedUnpickler.opcodeNames[opcode].map { " (\($0))" } ?? ""
            return ImportError(file: file, message: "pickle byte \(opcodeOffset), opcode 0x\(String(opcode, radix: 16))\(name): \(message)")
        }

        mutating func take(_ count: Int) throws(ImportError) -> ArraySlice<UInt8> {
            guard count >= 0, bytes.count - offset >= count else { throw fail("the pickle ends inside this opcode's argument; the file is truncated or not an official NATS-Bench file") }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func littleEndian(_ count: Int) throws(ImportError) -> UInt64 {
            var value: UInt64 = 0
            for (i, b) in try take(count).enumerated() { value |= UInt64(b) << UInt64(8 * i) }
            return value
        }

        mutating func pop() throws(ImportError) -> PickleValue {
            guard case .value(let v)? = stack.popLast() else { throw fail("the stack is empty or holds a mark where a value is needed") }
            return v
        }

        /// The values pushed since the last mark, in order, with the mark removed.
        mutating func popToMark() throws(ImportError) -> [PickleValue] {
            guard let mark = stack.lastIndex(where: { if case .mark = $0 { true } else { false } }) else {
                throw fail("no mark on the stack")
            }
            let items = stack[(mark + 1)...].map { item -> PickleValue in if case .value(let v) = item { v } else { .none } }
            stack.removeSubrange(mark...)
            return items
        }

        mutating func run() throws(ImportError) -> PickleValue {
            while offset < bytes.count {
                opcodeOffset = offset
                opcode = bytes[offset]
                offset += 1
                switch opcode {
                case 0x80:   // PROTO
                    let version = try take(1).first!
                    guard (2...5).contains(version) else { throw fail("protocol \(version); the official files use protocol 4") }
                case 0x95:   // FRAME: the frame's length; frames need no other handling
                    _ = try take(8)
                case 0x28: stack.append(.mark)
                case 0x7d: stack.append(.value(.dict(PickleDict())))
                case 0x5d: stack.append(.value(.list([])))
                case 0x8f: stack.append(.value(.set([])))
                case 0x29: stack.append(.value(.tuple([])))
                case 0x8c:   // SHORT_BINUNICODE
                    let count = Int(try take(1).first!)
                    guard let text = String(validating: try take(count), as: UTF8.self) else { throw fail("a string that is not UTF-8") }
                    stack.append(.value(.string(text)))
                case 0x43:   // SHORT_BINBYTES
                    let count = Int(try take(1).first!)
                    stack.append(.value(.bytes(Array(try take(count)))))
                case 0x94:   // MEMOIZE
                    guard case .value(let top)? = stack.last else { throw fail("nothing to memoize") }
                    memo.append(top)
                case 0x68, 0x6a:   // BINGET, LONG_BINGET
                    let index = Int(try littleEndian(opcode == 0x68 ? 1 : 4))
                    guard index < memo.count else { throw fail("memo index \(index) is not set") }
                    switch memo[index] {
                    case .dict, .list, .set:
                        // Its memo copy predates later changes; the official files never do this.
                        throw fail("a memo reference to a \(memo[index].typeName), which this reader does not follow")
                    default: stack.append(.value(memo[index]))
                    }
                case 0x4b: stack.append(.value(.int(Int64(try littleEndian(1)))))
                case 0x4d: stack.append(.value(.int(Int64(try littleEndian(2)))))
                case 0x4a: stack.append(.value(.int(Int64(Int32(truncatingIfNeeded: try littleEndian(4))))))
                case 0x47:   // BINFLOAT: big-endian
                    var bits: UInt64 = 0
                    for b in try take(8) { bits = bits << 8 | UInt64(b) }
                    stack.append(.value(.float(Double(bitPattern: bits))))
                case 0x4e: stack.append(.value(.none))
                case 0x88: stack.append(.value(.bool(true)))
                case 0x61, 0x65:   // APPEND, APPENDS
                    let items = opcode == 0x61 ? [try pop()] : try popToMark()
                    // Popped, changed and pushed back: the list's storage is not shared, so
                    // appending does not copy it.
                    let top = try pop()
                    guard case .list(var list) = top else { throw fail("appending to a \(top.typeName), not a list") }
                    list += items
                    stack.append(.value(.list(list)))
                case 0x73, 0x75:   // SETITEM, SETITEMS
                    var pairs: [PickleValue]
                    if opcode == 0x73 {
                        let value = try pop(), key = try pop()
                        pairs = [key, value]
                    } else {
                        pairs = try popToMark()
                        guard pairs.count % 2 == 0 else { throw fail("an odd number of items after the mark") }
                    }
                    let top = try pop()
                    guard case .dict(var dict) = top else { throw fail("setting items of a \(top.typeName), not a dict") }
                    for i in stride(from: 0, to: pairs.count, by: 2) {
                        switch pairs[i] {
                        case .dict, .list, .set: throw fail("a \(pairs[i].typeName) used as a dict key")
                        default: dict.set(pairs[i], pairs[i + 1])
                        }
                    }
                    stack.append(.value(.dict(dict)))
                case 0x74: stack.append(.value(.tuple(try popToMark())))
                case 0x86, 0x87:   // TUPLE2, TUPLE3
                    var items: [PickleValue] = []
                    for _ in 0..<(opcode == 0x86 ? 2 : 3) { items.insert(try pop(), at: 0) }
                    stack.append(.value(.tuple(items)))
                case 0x93:   // STACK_GLOBAL
                    let name = try pop(), module = try pop()
                    guard let m = module.string, let n = name.string else { throw fail("a global whose module or name is not a string") }
                    let global = "\(m).\(n)"
                    guard RestrictedUnpickler.allowedGlobals.contains(global) else {
                        throw fail("refers to '\(global.prefix(120))', which the official files never name; refused (this reader never runs code)")
                    }
                    stack.append(.value(.global(global)))
                case 0x52:   // REDUCE
                    let arguments = try pop(), callable = try pop()
                    stack.append(.value(try call(callable, arguments)))
                case 0x62:   // BUILD
                    let state = try pop()
                    guard case .value(.numpyDType)? = stack.last else { throw fail("BUILD of a \(stack.last.map { if case .value(let v) = $0 { v.typeName } else { "mark" } } ?? "nothing"); only numpy.dtype is built in the official files") }
                    guard let fields = state.tuple, fields.count >= 2, let order = fields[1].string, order == "<" || order == "|" || order == "=" else {
                        throw fail("a numpy.dtype state that is not little-endian; the official files store '<'")
                    }
                case 0x2e:   // STOP
                    guard stack.count == 1, case .value(let result) = stack[0] else { throw fail("STOP with \(stack.count) items on the stack, not 1") }
                    return result
                default:
                    throw fail("not an opcode the official NATS-Bench files use; refused (this reader accepts only their 29 opcodes)")
                }
            }
            opcodeOffset = offset
            throw ImportError(file: file, message: "the pickle ends at byte \(offset) without STOP; the file is truncated or not an official NATS-Bench file")
        }

        /// The three calls the official files make, as data.
        func call(_ callable: PickleValue, _ arguments: PickleValue) throws(ImportError) -> PickleValue {
            guard case .global(let name) = callable, let args = arguments.tuple else {
                throw fail("REDUCE of a \(callable.typeName) with \(arguments.typeName) arguments; only the three allowed globals are called")
            }
            switch name {
            case RestrictedUnpickler.orderedDict:
                guard args.isEmpty else { throw fail("OrderedDict called with arguments; the official files call it with none") }
                return .dict(PickleDict())
            case RestrictedUnpickler.numpyDType:
                guard args.count == 3, args[0].string == "f8" else { throw fail("numpy.dtype(\(args.count) arguments); the official files ask for 'f8' only") }
                return .numpyDType
            case RestrictedUnpickler.numpyScalar:
                guard args.count == 2, case .numpyDType = args[0], case .bytes(let raw) = args[1], raw.count == 8 else {
                    throw fail("numpy scalar of other than a float64 dtype and 8 bytes")
                }
                var bits: UInt64 = 0
                for (i, b) in raw.enumerated() { bits |= UInt64(b) << UInt64(8 * i) }
                return .numpyFloat64(Double(bitPattern: bits))
            default:
                throw fail("a call of \(name)")
            }
        }
    }
}
