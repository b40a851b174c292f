// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "karta",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "karta", targets: ["karta"]),
        .library(name: "KartaPipeline", targets: ["KartaPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),

        .target(
            name: "KartaModel", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .target(
            name: "KartaIngest", dependencies: ["CLibCSV", "CLibXML2", "KartaModel"],
            swiftSettings: strict),
        .target(
            name: "KartaNormalize",
            dependencies: ["KartaModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        .target(
            name: "KartaStore",
            dependencies: ["KartaModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .target(
            name: "KartaAggregate",
            dependencies: [
                "KartaModel", "KartaStore", .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .target(
            name: "KartaEmit",
            dependencies: [
                "KartaModel", "KartaStore", "KartaAggregate", "CLibXML2",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .target(
            name: "KartaPipeline",
            dependencies: [
                "KartaModel", "KartaIngest", "KartaNormalize", "KartaStore", "KartaAggregate",
                "KartaEmit", .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "karta",
            dependencies: [
                "KartaPipeline", "KartaModel", "KartaStore", "KartaAggregate", "KartaEmit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "karta-bench",
            dependencies: [
                "KartaModel", "KartaIngest", "KartaNormalize", "KartaStore", "KartaAggregate",
                "KartaEmit", "KartaPipeline",
            ],
            swiftSettings: strict),

        .testTarget(name: "KartaModelTests", dependencies: ["KartaModel"], swiftSettings: strict),
        .testTarget(
            name: "KartaIngestTests", dependencies: ["KartaIngest", "KartaModel"],
            swiftSettings: strict),
        .testTarget(
            name: "KartaNormalizeTests", dependencies: ["KartaNormalize", "KartaModel"],
            swiftSettings: strict),
        .testTarget(
            name: "KartaStoreTests", dependencies: ["KartaStore", "KartaModel"],
            swiftSettings: strict),
        .testTarget(
            name: "KartaAggregateTests",
            dependencies: [
                "KartaAggregate", "KartaStore", "KartaModel",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "KartaEmitTests",
            dependencies: [
                "KartaEmit", "KartaModel", "KartaStore", "KartaAggregate",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Golden"],
            swiftSettings: strict),
        .testTarget(
            name: "KartaPipelineTests", dependencies: ["KartaPipeline", "KartaModel"],
            swiftSettings: strict),
        .testTarget(
            name: "KartaCLITests",
            dependencies: [
                "karta", "KartaModel", "KartaStore", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
    ]
)
