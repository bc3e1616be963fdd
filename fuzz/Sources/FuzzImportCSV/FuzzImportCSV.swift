import Comity
import CFuzzerDriver
import FuzzSupport

/// One table's CSV file → `InterchangeCSV.decode` → dry-run import.
///
/// The first byte picks the table: `A` + its index in `InterchangeTable.all` (`A` parties … `M` history),
/// taken modulo the number of tables; the rest is the file's text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let tables = InterchangeTable.all
    let table = tables[Int(data[0]) % tables.count]
    let text = FuzzInput.text(data + 1, size - 1)
    let dataset = InterchangeCSV.decode(text, table: table, file: "\(table.label).csv")
    ImportProbe.check(dataset)
    return 0
}

/// The entry point SwiftPM links as `main`; libFuzzer takes over from here.
@_cdecl("FuzzImportCSV_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    comity_fuzzer_main(argc, argv)
}
