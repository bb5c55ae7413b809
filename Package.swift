// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tally",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tally", targets: ["tally"]),
        .library(name: "TallyCore", targets: ["TallyCore"]),
        .library(name: "TallyFormats", targets: ["TallyFormats"]),
        .library(name: "TallyStore", targets: ["TallyStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .target(name: "TallyCore"),
        .target(
            name: "TallyFormats", dependencies: ["TallyCore"], resources: [.copy("Catalog/builtin-catalog.json")]),
        .target(
            name: "TallyStore",
            dependencies: [
                "TallyCore",
                "TallyFormats",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "tally",
            dependencies: [
                "TallyCore",
                "TallyFormats",
                "TallyStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TallyCoreTests", dependencies: ["TallyCore"]),
        .testTarget(
            name: "TallyStoreTests",
            dependencies: [
                "TallyCore", "TallyFormats", "TallyStore", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "TallyFormatsTests",
            dependencies: ["TallyCore", "TallyFormats"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
