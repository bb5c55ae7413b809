// swift-tools-version: 6.1
// The parsers under libFuzzer. A package of its own so that the main package never links an executable without a
// `main`: libFuzzer supplies it. Build and run with scripts/fuzz.sh.
import PackageDescription

let package = Package(
    name: "TallyFuzz",
    dependencies: [.package(name: "Tally", path: "..")],
    targets: [
        .executableTarget(
            name: "tally-fuzz",
            dependencies: [
                .product(name: "TallyCore", package: "Tally"), .product(name: "TallyFormats", package: "Tally"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
