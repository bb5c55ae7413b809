// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tally",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tally", targets: ["tally"]),
        .library(name: "TallyCore", targets: ["TallyCore"]),
        .library(name: "TallyFormats", targets: ["TallyFormats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "TallyCore"),
        .target(name: "TallyFormats", dependencies: ["TallyCore"]),
        .executableTarget(
            name: "tally",
            dependencies: [
                "TallyCore",
                "TallyFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TallyCoreTests", dependencies: ["TallyCore"]),
        .testTarget(
            name: "TallyFormatsTests",
            dependencies: ["TallyCore", "TallyFormats"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
