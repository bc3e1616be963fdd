// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Comity",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Comity", targets: ["Comity"]),
        .executable(name: "comity", targets: ["ComityCLI"]),
        // Benchmarks/run: the letters batch's floor, rendering its templates with swift-mustache alone.
        .executable(name: "comity-render-floor", targets: ["ComityRenderFloor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The pure core: the model, clocks, the stall engine and letter composition. It imports
        // no database and no template engine, so the compiler keeps the engine deterministic.
        .target(name: "ComityCore"),
        // Templates, XML validation and the files documents are written to.
        .target(
            name: "ComityRender",
            dependencies: [
                "ComityCore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                "CLibXML2",
            ]
        ),
        // The store and its one front door, the clerk's Desk; interchange; letter batches.
        .target(
            name: "Comity",
            dependencies: [
                "ComityCore",
                "ComityRender",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API itself, for reading and binding bulk rows without a Swift value per cell.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // Passwords of the shared desk's accounts, hashed with bcrypt.
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // The demo cases and the synthetic world, outside the production library.
        .target(
            name: "ComityWorlds",
            dependencies: [
                "Comity",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The shared desk: `comity serve`, pages and a JSON API over the same front door.
        .target(
            name: "ComityServer",
            dependencies: [
                "Comity",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "CHeapTuning"),
        .executableTarget(
            name: "ComityCLI",
            dependencies: [
                "Comity",
                "ComityWorlds",
                "ComityServer",
                "CHeapTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ComityRenderFloor",
            dependencies: [
                "Comity",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Benchmarks/RenderFloor"
        ),
        .testTarget(name: "ComityTests", dependencies: ["Comity", "ComityCore", "ComityRender", "ComityWorlds"], exclude: ["Fixtures"]),
        .testTarget(name: "ComityCLITests", dependencies: ["Comity", "ComityCore", "ComityRender", "ComityWorlds", "ComityCLI"]),
        .testTarget(
            name: "ComityServerTests",
            dependencies: [
                "Comity", "ComityServer", "ComityWorlds",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
