import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// Inputs kept from fuzzing (see fuzz/README.md): every input that once crashed a fuzz target, and the
/// nastiest seeds, fed to the same entry points. Each must be read or refused with a typed error, never trap.
///
/// Files live in `Fixtures/fuzz/<target>/`. For the import and holiday targets a name starting with
/// `refused-` must be refused and one starting with `read-` must be read; the date inputs carry their
/// own checks.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")
    static let schema = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates/schemas/export.xsd").path

    /// The files kept for `target`, in name order.
    static func inputs(_ target: String) throws -> [(name: String, bytes: Data)] {
        let folder = fixtures.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// The same lenient decoding the fuzz targets use.
    static func text(_ bytes: Data) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Checks the outcome against the file's name: no problems means the input was read.
    static func expectOutcome(_ name: String, problems: [String]) {
        if name.hasPrefix("refused-") {
            #expect(!problems.isEmpty, "\(name) was read but should be refused")
        } else if name.hasPrefix("read-") {
            #expect(problems.isEmpty, "\(name) was refused but should be read: \(problems)")
        } else {
            Issue.record("\(name): name fuzz fixtures refused-… or read-… so the test knows what to expect; it gave \(problems)")
        }
    }

    /// Dry-runs an import: no problems when it would be applied, else what the refusal listed.
    static func dryRun(_ dataset: InterchangeDataset, into store: ComityStore) -> [String] {
        do {
            _ = try store.importDataset(dataset, dryRun: true)
            return []
        } catch let refused as ImportRefused {
            #expect(!refused.problems.isEmpty)
            return refused.problems.map(\.description)
        } catch {
            Issue.record("the import failed with an untyped error: \(error)")
            return ["\(error)"]
        }
    }

    /// Runs every kept input of an import target through its decoder and a dry-run import.
    static func importEach(_ target: String, _ decode: (_ name: String, _ text: String) throws -> InterchangeDataset) throws {
        let inputs = try inputs(target)
        #expect(!inputs.isEmpty)
        try Fixture.withStore { store, _ in
            for (name, bytes) in inputs {
                expectOutcome(name, problems: dryRun(try decode(name, text(bytes)), into: store))
            }
        }
    }

    @Test("JSON imports")
    func importJSON() throws {
        try Self.importEach("FuzzImportJSON") { name, text in InterchangeJSON.decode(text, file: name) }
    }

    /// As in the fuzz target, the first byte picks the table: `A` + its index in `InterchangeTable.all`.
    @Test("CSV imports")
    func importCSV() throws {
        try Self.importEach("FuzzImportCSV") { name, text in
            let bytes = Array(text.utf8)
            let table = InterchangeTable.all[Int(bytes.first ?? 0) % InterchangeTable.all.count]
            return InterchangeCSV.decode(String(decoding: bytes.dropFirst(), as: UTF8.self), table: table, file: name)
        }
    }

    @Test("XML imports")
    func importXML() throws {
        let schema = try XMLSchema(path: Self.schema, parser: SafeXMLParser(maxBytes: 256 << 20))
        try Self.importEach("FuzzImportXML") { name, text in InterchangeXML.decode(text, file: name, schema: schema) }
    }

    @Test("iCalendar holiday files")
    func holidayCalendar() throws {
        for (name, bytes) in try Self.inputs("FuzzHolidayCalendar") {
            do {
                let entries = try ICalendarHolidayParser.parse(Self.text(bytes))
                #expect(entries.allSatisfy { CalendarDate.supportedYears.contains($0.date.year) })
                Self.expectOutcome(name, problems: [])
            } catch {
                #expect(!error.problems.isEmpty, "\(name) was refused without a reason")
                Self.expectOutcome(name, problems: error.problems.map(\.description))
            }
        }
    }

    /// Found by FuzzHolidayCalendar: stepping the year by INTERVAL=Int.max overflowed and trapped.
    @Test("A yearly rule whose INTERVAL passes the last accepted year keeps its first date only")
    func hugeInterval() throws {
        let text = try #require(Self.inputs("FuzzHolidayCalendar").first { $0.name == "read-huge-interval.ics" }).bytes
        let entries = try ICalendarHolidayParser.parse(Self.text(text))
        #expect(entries.map(\.date.iso) == ["2024-01-01"])
    }

    /// Each line is a date, a period or neither; whatever parses must round-trip and count forward.
    @Test("Dates and periods")
    func dates() throws {
        let japan = HolidayCalendar.japan()
        for (name, bytes) in try Self.inputs("FuzzDates") {
            var dates: [CalendarDate] = []
            var periods: [Period] = []
            for field in Self.text(bytes).split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init) {
                do {
                    let date = try CalendarDate(iso: field)
                    #expect(date.iso == field && CalendarDate(dayNumber: date.dayNumber) == date, "\(name): \(field)")
                    dates.append(date)
                } catch {
                    #expect(!error.description.isEmpty)
                }
                do { periods.append(try Period(parsing: field)) } catch { #expect(!error.message.isEmpty) }
            }
            #expect(periods.allSatisfy { (1...3650).contains($0.days) }, "\(name)")
            guard let start = dates.first else { continue }
            for period in periods {
                do {
                    #expect(try DueDateCalculator.due(start: start, period: period, calendar: japan).due > start, "\(name)")
                } catch {
                    #expect(error.message.contains("runs past"), "\(name): \(error)")
                }
            }
        }
    }
}
