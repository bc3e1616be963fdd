#ifndef COMITY_FUZZER_DRIVER_H
#define COMITY_FUZZER_DRIVER_H

/// Starts libFuzzer on the program's own LLVMFuzzerTestOneInput.
///
/// SwiftPM links every executable with `main` aliased to `<Module>_main`, which a
/// `-parse-as-library` fuzz target never emits; each target defines that symbol
/// and hands over here, so libFuzzer runs exactly as its own `main` would.
int comity_fuzzer_main(int argc, char **argv);

#endif
