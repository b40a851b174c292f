import Foundation
import Testing

/// Compares output with a golden file in `Tests/KartaEmitTests/Golden/`. Run the tests with
/// `KARTA_UPDATE_GOLDEN=1` to rewrite the golden files after an intended change (and review the
/// diff before committing).
enum Golden {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func check(_ actual: Data, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["KARTA_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        if expected != actual {
            let actualURL = FileManager.default.temporaryDirectory.appendingPathComponent("actual-\(name)")
            try? actual.write(to: actualURL)
            let message =
                "\(name) differs from its golden file; actual output in \(actualURL.path) "
                + "(diff it; KARTA_UPDATE_GOLDEN=1 rewrites the golden files)"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }
}
