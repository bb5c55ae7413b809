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
        .library(name: "TallySQL", targets: ["TallySQL"]),
        .library(name: "TallySQLite", targets: ["TallySQLite"]),
        .library(name: "TallyApp", targets: ["TallyApp"]),
        .library(name: "TallyServer", targets: ["TallyServer"]),
        .library(name: "TallyAlerts", targets: ["TallyAlerts"]),
        .library(name: "TallyPostgres", targets: ["TallyPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "TallyCore"),
        .target(
            name: "TallyFormats", dependencies: ["TallyCore", "ZIPFoundation"],
            resources: [.copy("Catalog/builtin-catalog.json"), .copy("Catalog/publishers.json")]),
        .target(
            name: "TallyStore",
            dependencies: ["TallyCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "TallySQL", dependencies: ["TallyCore", "TallyFormats", "TallyStore"]),
        .target(
            name: "TallySQLite",
            dependencies: [
                "TallyCore", "TallyFormats", "TallyStore", "TallySQL",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "TallyApp",
            dependencies: [
                "TallyCore", "TallyFormats", "TallyStore",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        .target(
            name: "TallyServer",
            dependencies: [
                "TallyCore", "TallyFormats", "TallyStore", "TallyApp",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .target(
            name: "TallyAlerts",
            dependencies: [
                "TallyCore", "TallyFormats", "TallyStore", "TallyApp",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "tally",
            dependencies: [
                "TallyCore", "TallyFormats", "TallyStore", "TallySQL", "TallySQLite", "TallyPostgres", "TallyApp",
                "TallyServer",
                "TallyAlerts", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "TallyPostgres",
            dependencies: [
                "TallyCore", "TallyStore", "TallySQL",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "TallyPostgresTests", dependencies: ["TallyCore", "TallyPostgres"]),
        .target(
            name: "TallyTestSupport", dependencies: ["TallyCore", "TallyPostgres"], path: "Tests/TallyTestSupport"),
        .testTarget(name: "TallyCoreTests", dependencies: ["TallyCore"]),
        .testTarget(
            name: "TallyAlertsTests",
            dependencies: [
                "TallyCore", "TallyStore", "TallySQLite", "TallyApp", "TallyAlerts",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(
            name: "TallyStoreTests",
            dependencies: [
                "TallyCore", "TallyStore", "TallySQL", "TallySQLite", "TallyPostgres", "TallyTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "TallyAppTests",
            dependencies: [
                "TallyCore", "TallyFormats", "TallyStore", "TallySQLite", "TallyApp", "TallyTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "TallyServerTests",
            dependencies: [
                "TallyCore", "TallyFormats", "TallyStore", "TallySQLite", "TallyApp", "TallyServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .testTarget(
            name: "TallyFormatsTests",
            dependencies: ["TallyCore", "TallyFormats", "ZIPFoundation"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
