/// Reads a Comity JSON export a record at a time, whatever its layout, without holding it.
///
/// The document is `{"format": …, "version": …, "classification": …, "withheld": …,
/// "tables": {"parties": [{…}, …], …}}` in any key order and any spacing. Each record is
/// handed over as soon as it is read, with its table, its place in the table and its line;
/// problems with the document around the records (its header, tables Comity does not know)
/// are collected in `problems`. A document that cannot be read as an export at all ends the
/// reading with `Unreadable`, whose one problem is then the only one that counts.
struct InterchangeJSONReader {
    /// The text is not JSON, nests too deep, or is not an object: nothing in it can be imported.
    struct Unreadable: Error {
        var problem: InterchangeProblem
    }

    /// Where a record was read.
    struct Place {
        let table: InterchangeTable
        /// From 1, counting every record of the table read so far.
        let index: Int
        let line: Int
        /// How far into the input the record ends, in bytes.
        let bytesRead: Int
        /// "parties[3] (line 9)", as problems name it.
        var location: String { "\(table.label)[\(index)] (line \(line))" }
    }

    typealias Fields = [(name: String, value: InterchangeValue)]

    /// The deepest nesting of lists and objects a document may have; an export has 4.
    static let maximumDepth = 32

    var input: ImportByteStream
    var position = 0
    var line = 1
    var depth = 0
    let file: String
    var scratch: [UInt8] = []
    private var fields: Fields = []
    /// The names of the last record's fields, by place, as read and as made into strings.
    private var names: [(bytes: [UInt8], name: String)] = []
    private var header: [InterchangeProblem] = []
    private var around: [InterchangeProblem] = []
    private var counts: [String: Int] = [:]

    init(_ input: ImportByteStream, file: String) {
        self.input = input
        self.file = file
        scratch.reserveCapacity(1 << 12)
    }

    /// Problems with the header first, then with tables and records that are not what an export holds.
    var problems: [InterchangeProblem] { header + around }

    /// How far into the input the reading is, in bytes.
    var bytesRead: Int { input.offset + position }

    /// Reads the whole document: `table` is told of each table as it begins (it may throw to stop
    /// the reading), and `record` gets every record in the order of the file.
    mutating func read(table: (InterchangeTable) throws -> Void, record: (Place, Fields) throws -> Void) throws {
        if try peek(ahead: 0) == 0xEF, try peek(ahead: 1) == 0xBB, try peek(ahead: 2) == 0xBF { position += 3 }
        guard let first = try skipSpace() else { throw notJSON("the text is empty") }
        guard first == UInt8(ascii: "{") else {
            throw Unreadable(problem: InterchangeProblem(file: file, location: "document",
                message: "not a Comity JSON export: the text is not an object of format, version and tables; check it is the right file"))
        }
        var format: InterchangeValue?
        var version: InterchangeValue?
        var classification: InterchangeValue?
        var withheld: InterchangeValue?
        var tables = false
        try members { reader, key in
            switch key {
            case "format": format = try reader.value()
            case "version": version = try reader.value()
            case "classification": classification = try reader.value()
            case "withheld": withheld = try reader.value()
            case "tables":
                tables = true
                try reader.tables(table: table, record: record)
            default: try reader.skipValue()
            }
        }
        if try skipSpace() != nil { throw notJSON("there is more text after the end of the document") }
        func problem(_ field: String, _ message: String) {
            header.append(InterchangeProblem(file: file, location: "document", field: field, message: message))
        }
        if format != .text(InterchangeJSON.formatName) { problem("format", "expected \"\(InterchangeJSON.formatName)\"") }
        if version != .integer(Int64(InterchangeJSON.version)) {
            problem("version", "expected \(InterchangeJSON.version); this Comity reads version \(InterchangeJSON.version) only")
        }
        // The marking is for readers; an import checks it is well formed and otherwise ignores it.
        switch classification {
        case nil, .null?: break
        case .text(let level)? where Classification(rawValue: level) != nil: break
        default: problem("classification", "expected \(Classification.choices)")
        }
        switch withheld {
        case nil, .null?: break
        case .integer(let count)? where count >= 0: break
        default: problem("withheld", "expected a count, 0 or more")
        }
        if !tables { problem("tables", "missing; expected an object of tables") }
    }

    /// The object of tables: each known table's records, each unknown one passed over with a problem.
    private mutating func tables(table: (InterchangeTable) throws -> Void, record: (Place, Fields) throws -> Void) throws {
        guard try skipSpace() == UInt8(ascii: "{") else {
            around.append(InterchangeProblem(file: file, location: "document", field: "tables", message: "expected an object of tables"))
            return try skipValue()
        }
        try members { reader, label in
            guard let known = InterchangeTable.labelled(label) else {
                reader.around.append(InterchangeProblem(file: reader.file, location: "tables.\(label)",
                    message: "not a table Comity exports; expected \(InterchangeTable.all.map(\.label).joined(separator: ", "))"))
                return try reader.skipValue()
            }
            guard try reader.skipSpace() == UInt8(ascii: "[") else {
                reader.around.append(InterchangeProblem(file: reader.file, location: "tables.\(label)", message: "expected a list of records"))
                return try reader.skipValue()
            }
            try table(known)
            try reader.elements { reader in
                let index = reader.counts[label, default: 0] + 1
                reader.counts[label] = index
                guard try reader.skipSpace() == UInt8(ascii: "{") else {
                    let location = "\(label)[\(index)] (line \(reader.line))"
                    reader.around.append(InterchangeProblem(file: reader.file, location: location, message: "is not a record; expected an object of fields"))
                    return try reader.skipValue()
                }
                let line = reader.line
                reader.fields.removeAll(keepingCapacity: true)
                try reader.members(slots: true) { reader, name in reader.fields.append((name, try reader.value())) }
                try record(Place(table: known, index: index, line: line, bytesRead: reader.bytesRead), reader.fields)
            }
        }
    }

    /// One field's value: text, a whole number or null; anything else is kept as what it is, for the problem.
    private mutating func value() throws -> InterchangeValue {
        guard let byte = try skipSpace() else { throw notJSON("it ends where a value should be") }
        switch byte {
        case UInt8(ascii: "\""):
            position += 1
            switch try string() {
            case .readable: return .text(String(decoding: scratch, as: UTF8.self))
            case .control: return .invalid("text that cannot be read, holding a raw control character such as NUL")
            case .halfSurrogate: return .invalid("text that cannot be read, holding half of a UTF-16 surrogate pair")
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number().map(InterchangeValue.integer) ?? .invalid("a number with a fraction or out of range")
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "t"):
            try literal("true")
            return .invalid("a true/false value")
        case UInt8(ascii: "f"):
            try literal("false")
            return .invalid("a true/false value")
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            try skipValue()
            return .invalid("a list or an object")
        default:
            throw try unexpected("a value")
        }
    }

    /// The members of the object at hand (its `{` next): `body` reads each value after its key.
    /// With `slots`, names are remembered by their place in the object: the records of a table
    /// repeat the same names in the same order, so each is made into a `String` once.
    mutating func members(slots: Bool = false, _ body: (inout InterchangeJSONReader, String) throws -> Void) throws {
        try enter()
        if try skipSpace() == UInt8(ascii: "}") { position += 1; depth -= 1; return }
        var slot = 0
        while true {
            guard try skipSpace() == UInt8(ascii: "\"") else { throw try unexpected("a name in quotes") }
            position += 1
            guard try string() == .readable else { throw notJSON("a name holds a raw control character") }
            let key: String
            if !slots {
                key = String(decoding: scratch, as: UTF8.self)
            } else if slot < names.count && names[slot].bytes == scratch {
                key = names[slot].name
            } else {
                key = String(decoding: scratch, as: UTF8.self)
                if slot < names.count { names[slot] = (scratch, key) } else { names.append((scratch, key)) }
            }
            slot += 1
            guard try skipSpace() == UInt8(ascii: ":") else { throw try unexpected("':' after a name") }
            position += 1
            try body(&self, key)
            switch try skipSpace() {
            case UInt8(ascii: ",")?: position += 1
            case UInt8(ascii: "}")?: position += 1; depth -= 1; return
            default: throw try unexpected("',' or '}'")
            }
        }
    }

    /// The elements of the list at hand (its `[` next): `body` reads each one.
    mutating func elements(_ body: (inout InterchangeJSONReader) throws -> Void) throws {
        try enter()
        if try skipSpace() == UInt8(ascii: "]") { position += 1; depth -= 1; return }
        while true {
            try body(&self)
            switch try skipSpace() {
            case UInt8(ascii: ",")?: position += 1
            case UInt8(ascii: "]")?: position += 1; depth -= 1; return
            default: throw try unexpected("',' or ']'")
            }
        }
    }

    /// Steps into the object or list at hand, refusing to go deeper than an export could.
    private mutating func enter() throws {
        depth += 1
        position += 1
        if depth > Self.maximumDepth {
            throw Unreadable(problem: InterchangeProblem(file: file, location: "line \(line)",
                message: "lists and objects are nested more than \(Self.maximumDepth) deep, and a Comity export nests 4; this is not an export"))
        }
    }

    /// Any value, read only to pass over it.
    mutating func skipValue() throws {
        switch try skipSpace() {
        case UInt8(ascii: "{")?: try members { reader, _ in try reader.skipValue() }
        case UInt8(ascii: "[")?: try elements { reader in try reader.skipValue() }
        default: _ = try value()
        }
    }

    func notJSON(_ detail: String) -> Unreadable {
        Unreadable(problem: InterchangeProblem(file: file, location: "line \(line)",
            message: "not a Comity JSON export: the text is not valid JSON (\(detail)); it may be cut short, or not an export at all"))
    }

    mutating func unexpected(_ expected: String) throws -> Unreadable {
        guard let byte = try peek(ahead: 0) else { return notJSON("it ends where \(expected) should be") }
        let shown = byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
        return notJSON("expected \(expected), found \(shown)")
    }
}
