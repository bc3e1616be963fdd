import Comity
import CFuzzerDriver
import FuzzSupport

/// JSON export text → `InterchangeJSON.decode` → dry-run import.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let dataset = InterchangeJSON.decode(FuzzInput.text(data, size), file: "fuzz.json")
    ImportProbe.check(dataset)
    return 0
}

/// The entry point SwiftPM links as `main`; libFuzzer takes over from here.
@_cdecl("FuzzImportJSON_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    comity_fuzzer_main(argc, argv)
}
