import Foundation

@testable import KartaGen

/// A dataset generated into a fresh temporary directory for one test.
struct GeneratedDataset {
    let directory: String
    let expected: ExpectedDataset

    init(seed: UInt64 = 7, scale: Double = 0.2, singleFile: Bool = false) throws {
        directory = NSTemporaryDirectory() + "karta-gen-test-\(UUID().uuidString)"
        expected = try DatasetGenerator(
            options: GeneratorOptions(
                seed: seed, scale: scale, outputDirectory: directory, singleFile: singleFile)
        ).generate()
    }

    func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + relativePath)))
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
