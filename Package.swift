// swift-tools-version: 6.1
import Foundation
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
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),

        .systemLibrary(
            name: "CLibCrypto", path: "Sources/CLibCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .target(name: "KartaModel", dependencies: ["CLibCrypto", "CLibCSV"], swiftSettings: strict),
        .target(
            name: "KartaIngest", dependencies: ["CLibCSV", "CLibXML2", "KartaModel"],
            swiftSettings: strict),
        .target(
            name: "KartaNormalize",
            dependencies: ["KartaModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        .target(
            name: "KartaStore",
            dependencies: [
                "KartaModel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .target(
            name: "KartaAggregate",
            dependencies: [
                "KartaModel", "KartaStore", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),
        .target(
            name: "KartaEmit",
            dependencies: [
                "KartaModel", "KartaStore", "KartaAggregate", "CLibXML2",
            ],
            swiftSettings: strict),
        .target(
            name: "KartaPipeline",
            dependencies: [
                "KartaModel", "KartaIngest", "KartaNormalize", "KartaStore", "KartaAggregate",
                "KartaEmit", "KartaPostgres", .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "karta",
            dependencies: [
                "KartaPipeline", "KartaModel", "KartaIngest", "KartaStore", "KartaAggregate", "KartaEmit",
                "KartaPostgres", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "KartaPostgres",
            dependencies: [
                "KartaStore", "KartaModel", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(name: "KartaGen", dependencies: ["KartaModel"], swiftSettings: strict),
        .executableTarget(name: "karta-gen", dependencies: ["KartaGen"], swiftSettings: strict),
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
            name: "KartaPipelineTests",
            dependencies: ["KartaPipeline", "KartaModel", "KartaNormalize", "KartaStore"],
            swiftSettings: strict),
        .testTarget(
            name: "KartaPostgresTests", dependencies: ["KartaPostgres", "KartaStore"],
            swiftSettings: strict),
        .testTarget(
            name: "KartaGenTests", dependencies: ["KartaGen", "KartaModel", "KartaNormalize", "CLibCSV"],
            swiftSettings: strict),
        .testTarget(
            name: "KartaCLITests",
            dependencies: [
                "karta", "KartaModel", "KartaStore", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
    ]
)

// Fuzz harnesses exist only in fuzz builds (`KARTA_FUZZ=1`, scratch path .build-fuzz; see
// fuzz/README.md): one executable target per directory `fuzz/harnesses/NAME` (a main.swift), named
// `karta-fuzz-NAME`, depending on the modules listed on its first line
// (`// fuzz-dependencies: KartaModel KartaIngest`).
if Context.environment["KARTA_FUZZ"] != nil {
    let harnesses = URL(fileURLWithPath: Context.packageDirectory + "/fuzz/harnesses")
    package.targets.append(.target(name: "KartaFuzzSupport", path: "fuzz/Support", swiftSettings: strict))
    let names = (try? FileManager.default.contentsOfDirectory(atPath: harnesses.path)) ?? []
    for name in names.sorted() {
        let file = harnesses.appendingPathComponent(name).appendingPathComponent("main.swift")
        guard let source = try? String(contentsOf: file, encoding: .utf8) else { continue }
        let firstLine = source.split(separator: "\n").first ?? ""
        let dependencies =
            firstLine.replacingOccurrences(of: "// fuzz-dependencies:", with: "")
            .split(separator: " ").map { Target.Dependency(stringLiteral: String($0)) } + ["KartaFuzzSupport"]
        package.targets.append(
            .executableTarget(
                name: "karta-fuzz-\(name)", dependencies: dependencies, path: "fuzz/harnesses/\(name)",
                swiftSettings: strict))
    }
}
