import Comity
import CFuzzerDriver
import FuzzSupport

/// XML export text → libxml2 (`SafeXMLParser`) and the export schema → dry-run import.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let dataset = InterchangeXML.decode(FuzzInput.text(data, size), file: "fuzz.xml", schema: ExportSchema.compiled)
    ImportProbe.check(dataset)
    return 0
}

/// The entry point SwiftPM links as `main`; libFuzzer takes over from here.
@_cdecl("FuzzImportXML_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    comity_fuzzer_main(argc, argv)
}
