// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets for Comity's parsers, kept out of the main package so its build and tests never see them.
///
/// Build and run with `fuzz/run` (see README.md); a plain `swift build` here links without libFuzzer and fails.
let package = Package(
    name: "ComityFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Comity", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver", .product(name: "Comity", package: "Comity")]),
        .executableTarget(name: "FuzzImportJSON", dependencies: ["FuzzSupport", "CFuzzerDriver", .product(name: "Comity", package: "Comity")]),
        .executableTarget(name: "FuzzImportCSV", dependencies: ["FuzzSupport", "CFuzzerDriver", .product(name: "Comity", package: "Comity")]),
        .executableTarget(name: "FuzzImportXML", dependencies: ["FuzzSupport", "CFuzzerDriver", .product(name: "Comity", package: "Comity")]),
        .executableTarget(name: "FuzzDates", dependencies: ["FuzzSupport", "CFuzzerDriver", .product(name: "Comity", package: "Comity")]),
        .executableTarget(name: "FuzzHolidayCalendar", dependencies: ["FuzzSupport", "CFuzzerDriver", .product(name: "Comity", package: "Comity")]),
    ],
    swiftLanguageModes: [.v6]
)
