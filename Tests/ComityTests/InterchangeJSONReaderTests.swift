import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The JSON export read a record at a time: any layout of the documented shape, every value
/// kind a file may hold, and the documents it refuses.
@Suite("JSON export reader")
struct InterchangeJSONReaderTests {
    /// The records a document holds, table by table, as "label: name=value; …" lines, and its problems.
    static func read(_ text: String) -> (records: [String], problems: [String]) {
        let dataset = InterchangeJSON.decode(text, file: "x.json")
        var records: [String] = []
        for table in InterchangeTable.all {
            for record in dataset.records[table.label] ?? [] {
                records.append("\(table.label): " + record.fields.map { "\($0.name)=\($0.value.shown)" }.joined(separator: "; "))
            }
        }
        return (records, dataset.problems.map(\.description))
    }

    static let standard = """
        {
          "format": "comity-export",
          "version": 1,
          "classification": "unclassified",
          "withheld": 0,
          "tables": {
            "parties": [
              {"code": "CN", "name": "China", "formal_name": "People's Republic of China", "name_ja": null},
              {"code": "JP", "name": "Japan", "formal_name": "Japan", "name_ja": "日本"}
            ],
            "settings": [],
            "holidays": [
              {"party": "JP", "date": "2011-11-03", "name": "Culture Day", "working_day": 0}
            ]
          }
        }

        """

    @Test("any layout of the same document gives the same records: one line, records over several lines, CRLF, header last")
    func layouts() throws {
        let expected = Self.read(Self.standard)
        #expect(expected.problems.isEmpty, "\(expected.problems)")
        #expect(expected.records.count == 3)
        let oneLine = Self.standard.replacingOccurrences(of: "\n", with: "")
        let spread = Self.standard.replacingOccurrences(of: ", \"", with: ",\n\t  \"")
        let crlf = Self.standard.replacingOccurrences(of: "\n", with: "\r\n")
        let headerLast = """
            {"tables": {"parties": [{"code": "CN", "name": "China", "formal_name": "People's Republic of China", "name_ja": null},
            {"code": "JP", "name": "Japan", "formal_name": "Japan", "name_ja": "\\u65e5\\u672c"}], "settings": [],
            "holidays": [{"party": "JP", "date": "2011-11-03", "name": "Culture Day", "working_day": 0}]},
            "comment": {"ignored": [1, 2, {"deep": true}]}, "withheld": 0, "classification": "unclassified", "version": 1,
            "format": "comity-export"}
            """
        for text in [oneLine, spread, crlf, "\u{FEFF}" + Self.standard, headerLast] {
            let found = Self.read(text)
            #expect(found.records == expected.records)
            #expect(found.problems.isEmpty, "\(found.problems)")
        }
    }

    @Test("records are located by table, place and line")
    func locations() throws {
        let dataset = InterchangeJSON.decode(Self.standard, file: "x.json")
        #expect(dataset.records["parties"]?.map(\.location) == ["parties[1] (line 8)", "parties[2] (line 9)"])
        #expect(dataset.records["holidays"]?.first?.location == "holidays[1] (line 13)")
    }

    @Test("values: escapes and surrogate pairs, whole numbers, and what no column takes (fractions, booleans, lists, half a pair)")
    func values() throws {
        let record = #"""
            {"a": "\"q\" \\ \/ \b\f\n\r\t \u00e9\ud83d\ude00", "b": -0, "c": 9223372036854775807, "d": -9223372036854775808,
             "e": 9223372036854775808, "f": 1.5, "g": 1e3, "h": true, "i": false, "j": [1, {"k": null}], "l": {}, "m": null,
             "n": "\ud83d alone", "o": "raw	tab"}
            """#
        let found = Self.read("{\"format\": \"comity-export\", \"version\": 1, \"tables\": {\"parties\": [\(record)]}}")
        #expect(found.problems.isEmpty, "\(found.problems)")
        let fields = try #require(InterchangeJSON.decode("{\"tables\": {\"parties\": [\(record)]}}", file: "x").records["parties"]?.first?.fields)
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.value) })
        #expect(values["a"] == .text("\"q\" \\ / \u{8}\u{C}\n\r\t é😀"))
        #expect(values["b"] == .integer(0))
        #expect(values["c"] == .integer(.max) && values["d"] == .integer(.min))
        for name in ["e", "f", "g"] { #expect(values[name] == .invalid("a number with a fraction or out of range"), "\(name)") }
        #expect(values["h"] == .invalid("a true/false value") && values["i"] == .invalid("a true/false value"))
        #expect(values["j"] == .invalid("a list or an object") && values["l"] == .invalid("a list or an object"))
        #expect(values["m"] == .null)
        #expect(values["n"] == .invalid("text that cannot be read, holding half of a UTF-16 surrogate pair"))
        #expect(values["o"] == .invalid("text that cannot be read, holding a raw control character such as NUL"))
    }

    @Test("a document that is not JSON, or not an object, is one problem and no record", arguments: [
        ("", "line 1", "the text is not valid JSON (the text is empty)"),
        (String(standard.prefix(300)), "line 9", "the text is not valid JSON"),
        (standard + "{}", "line 17", "more text after the end"),
        ("{\"tables\": {\"parties\": [{\"code\": \"J\\P\"}]}}", "line 1", "is not an escape JSON knows"),
        ("{\"tables\": {\"holidays\": [{\"working_day\": 01}]}}", "line 1", "may not begin with 0"),
        ("{\"tables\": {\"parties\": [{\"code\" \"JP\"}]}}", "line 1", "expected ':' after a name, found '\"'"),
        ("[1, 2]", "document", "not an object of format, version and tables"),
        ("{\"tables\":\n" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}", "line 2", "nested more than 32 deep"),
    ])
    func unreadable(text: String, location: String, message: String) {
        let dataset = InterchangeJSON.decode(text, file: "x.json")
        #expect(dataset.records.isEmpty)
        #expect(dataset.problems.count == 1)
        #expect(dataset.problems.first?.location == location, "\(dataset.problems)")
        #expect(dataset.problems.first?.message.contains(message) == true, "\(dataset.problems)")
    }

    @Test("the header and the tables are checked; what is not a table or not a record is named, and the rest still read")
    func header() {
        let found = Self.read("""
            {"format": "other", "version": 2, "classification": "cosmic", "withheld": -1,
             "tables": {"parties": [{"code": "JP"}, 5], "gossip": [{"x": 1}], "cases": {}}}
            """)
        #expect(found.records == ["parties: code='JP'"])
        #expect(found.problems.count == 7, "\(found.problems)")
        for part in ["field 'format'", "field 'version'", "field 'classification'", "field 'withheld'", "parties[2] (line 2): is not a record",
                     "tables.gossip: not a table", "tables.cases: expected a list of records"] {
            #expect(found.problems.contains { $0.contains(part) }, "\(part)")
        }
        #expect(Self.read("{\"format\": \"comity-export\", \"version\": 1}").problems == ["x.json: document field 'tables': missing; expected an object of tables"])
    }

    @Test("a file is read across many reads: long values and characters of several bytes cut by a read come out whole")
    func acrossReads() throws {
        try Fixture.withDirectory { dir in
            // Text of 3-byte characters, long enough to span reads at every offset modulo 3.
            let names = (0..<5).map { n in String(repeating: "日本", count: 100_000 + n) + "\(n)" }
            let records = names.enumerated().map { n, name in
                "{\"code\": \"J\(n)\", \"name\": \"\(name)\\u00e9\", \"formal_name\": \"x\\ny\"}"
            }
            let text = "{\"format\": \"comity-export\", \"version\": 1, \"tables\": {\"parties\": [\(records.joined(separator: ",\n"))]}}"
            let path = dir.appendingPathComponent("long.json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            var reader = InterchangeJSONReader(try ImportByteStream(path: path, limit: 64 << 20), file: path)
            var read: [String] = []
            try reader.read(table: { _ in }) { place, fields in
                if case .text(let name) = fields[1].value { read.append(name) }
                #expect(place.line == place.index)
                #expect(fields[2].value == .text("x\ny"))
            }
            #expect(read == names.map { $0 + "é" })
            #expect(reader.problems.isEmpty)
        }
    }
}
