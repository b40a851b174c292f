import Foundation
import Testing

/// The store's boundary: the two store backends, KartaStore (SQLite through GRDB) and
/// KartaPostgres, are the only modules that know SQL; only KartaStore knows GRDB.
///
/// Scans the Swift files under `Sources/` (outside the backends) for an import of GRDB and for
/// SQL statements in string literals. A backend replaces another alone only while this holds.
@Suite("Store boundary")
struct StoreBoundaryTests {
    /// The repository's `Sources` folder, found from this file's path.
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    @Test("no module outside the store backends imports GRDB or writes SQL")
    func onlyKartaStoreKnowsSQL() throws {
        let files = try Self.swiftFiles(in: Self.sources)
        #expect(files.count > 50, "found \(files.count) Swift files under \(Self.sources.path)")
        var offences: [String] = []
        for file in files where !file.path.contains("/Sources/KartaStore/") {
            let text = try String(contentsOf: file, encoding: .utf8)
            let found = StoreBoundary.offences(in: text)
            // PostgreSQL's backend writes its own SQL, but never through GRDB.
            offences += (file.path.contains("/Sources/KartaPostgres/") ? found.filter { $0.hasPrefix("imports") } : found)
                .map { "\(file.lastPathComponent): \($0)" }
        }
        #expect(offences.isEmpty, "\(offences.joined(separator: "\n"))")
    }

    @Test("the scan catches GRDB imports and SQL in literals, and lets plain prose through")
    func scannerCatchesWhatItMust() {
        #expect(StoreBoundary.offences(in: "import GRDB\nlet x = 1").count == 1)
        #expect(StoreBoundary.offences(in: "@preconcurrency import GRDBSQLite").count == 1)
        #expect(StoreBoundary.offences(in: #"let q = "SELECT id FROM records""#).count == 1)
        #expect(StoreBoundary.offences(in: "let q = \"\"\"\n  SELECT id,\n  name FROM t\n  \"\"\"").count == 1)
        #expect(StoreBoundary.offences(in: #"db.run("INSERT INTO runs (id) VALUES (?)")"#).count == 1)
        #expect(StoreBoundary.offences(in: #"let s = "UPDATE runs SET x = 1""#).count == 1)
        #expect(StoreBoundary.offences(in: #"let s = "DELETE FROM sources""#).count == 1)
        // Not SQL: prose (SQL keywords count in capitals, as karta writes SQL), a comment that
        // speaks of SQL, an import of KartaStore.
        #expect(StoreBoundary.offences(in: #"let s = "Select a file from the list""#).isEmpty)
        #expect(StoreBoundary.offences(in: "// SELECT x FROM y in a comment\nimport KartaStore").isEmpty)
        #expect(StoreBoundary.offences(in: #"let s = "update the set of outputs""#).isEmpty)
        #expect(StoreBoundary.offences(in: #"let s = "изберете файл от списъка""#).isEmpty)
    }

    static func swiftFiles(in folder: URL) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }
}

/// What the boundary test looks for in a Swift file's text.
enum StoreBoundary {
    /// The SQL statements a string literal must not hold (keywords in capitals, as karta writes
    /// SQL, so that prose such as "select a file from…" passes; across lines).
    static let statements = [
        #"\bSELECT\b[\s\S]*?\bFROM\b"#, #"\bINSERT\s+INTO\b"#, #"\bUPDATE\b\s+\S+\s+\bSET\b"#,
        #"\bDELETE\s+FROM\b"#,
    ]

    /// Every GRDB import and every string literal holding SQL, described in a line each.
    static func offences(in text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(whereSeparator: \.isWhitespace)
            if let index = words.firstIndex(of: "import"), index + 1 < words.count,
                words[index + 1].hasPrefix("GRDB")
            {
                found.append("imports \(words[index + 1])")
            }
        }
        for literal in literals(in: text) {
            for pattern in statements
            where literal.range(of: pattern, options: .regularExpression) != nil {
                found.append("SQL in a string literal: \(literal.prefix(60).replacingOccurrences(of: "\n", with: " "))")
                break
            }
        }
        return found
    }

    /// The contents of the string literals (`"…"` and `"""…"""`) of Swift source, comments skipped.
    static func literals(in text: String) -> [String] {
        let characters = Array(text)
        var literals: [String] = []
        var index = 0
        func starts(with token: String, at position: Int) -> Bool {
            let token = Array(token)
            return position + token.count <= characters.count
                && Array(characters[position..<position + token.count]) == token
        }
        while index < characters.count {
            if starts(with: "//", at: index) {
                while index < characters.count, characters[index] != "\n" { index += 1 }
            } else if starts(with: "/*", at: index) {
                index += 2
                while index < characters.count, !starts(with: "*/", at: index) { index += 1 }
                index += 2
            } else if starts(with: "\"\"\"", at: index) {
                let start = index + 3
                index = start
                while index < characters.count, !starts(with: "\"\"\"", at: index) { index += 1 }
                literals.append(String(characters[start..<min(index, characters.count)]))
                index += 3
            } else if characters[index] == "\"" {
                let start = index + 1
                index = start
                while index < characters.count, characters[index] != "\"", characters[index] != "\n" {
                    if characters[index] == "\\" { index += 1 }
                    index += 1
                }
                literals.append(String(characters[start..<min(index, characters.count)]))
                index += 1
            } else {
                index += 1
            }
        }
        return literals
    }
}
