import Foundation
import KartaAggregate
import KartaModel

/// A format an annual plan can be written in.
public enum PlanFormat: String, Sendable, CaseIterable, Codable {
    case html, csv, pdf
}

/// Writes annual plans as `<code>.html`, `<code>.csv` and `<code>.pdf`, each file atomically;
/// the same plan gives byte-identical HTML and CSV (the PDF carries Chromium's creation date).
public enum PlanWriter {
    @discardableResult
    public static func write(
        _ plan: MunicipalPlan, formats: [PlanFormat], to folder: URL, csvDialect: CSVDialect = .excel,
        printer: PlanPrinter = PlanPrinter()
    ) throws -> [WrittenFile] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [WrittenFile] = []
        func save(_ bytes: Data, _ name: String) throws {
            let url = folder.appendingPathComponent(name)
            try AtomicFile.write(bytes, to: url)
            written.append(WrittenFile(path: url.path, sha256: FileDigest.sha256(bytes), bytes: Int64(bytes.count)))
        }
        let html = PlanHTML.render(plan)
        for format in formats {
            switch format {
            case .html: try save(Data(html.utf8), "\(plan.municipality.code).html")
            case .csv: try save(Data(PlanTable.table(plan).encoded(csvDialect)), "\(plan.municipality.code).csv")
            case .pdf: try save(try printer.pdf(html: html), "\(plan.municipality.code).pdf")
            }
        }
        return written
    }

    /// Writes the HTML and CSV plan of every municipality with data (``MunicipalPlan/municipalitiesWithData(_:registry:)``)
    /// into `folder`; what the pipeline's `plans` output writes into `plans/`.
    @discardableResult
    public static func writeAll(
        _ plans: [MunicipalPlan], to folder: URL, csvDialect: CSVDialect = .excel
    ) throws -> [WrittenFile] {
        var written: [WrittenFile] = []
        for plan in plans {
            written += try write(plan, formats: [.html, .csv], to: folder, csvDialect: csvDialect)
        }
        return written
    }
}

/// Prints a plan's HTML to PDF with headless Chromium (`chromium --headless --print-to-pdf`).
public struct PlanPrinter: Sendable {
    /// The Chromium executable: `$KARTA_CHROMIUM`, else the first of `chromium`,
    /// `chromium-browser`, `google-chrome` on `PATH`.
    public var executable: String?

    public init(executable: String? = nil) {
        self.executable = executable ?? Self.find()
    }

    /// Chromium is missing or failed to print.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    static func find() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["KARTA_CHROMIUM"], !chosen.isEmpty { return chosen }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// The PDF of `html` (A4, the page's own margins and page numbers, no browser header or footer).
    public func pdf(html: String) throws -> Data {
        guard let executable, FileManager.default.isExecutableFile(atPath: executable) else {
            throw Failure(
                description:
                    "cannot print PDF: Chromium not found (\(executable ?? "chromium on PATH")); install it "
                    + "(apt-get install chromium) or set KARTA_CHROMIUM, or write --format html and print that")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-plan-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let page = work.appendingPathComponent("plan.html")
        let output = work.appendingPathComponent("plan.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf-no-header",
            "--user-data-dir=\(work.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        let log = work.appendingPathComponent("chromium.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? handle.close()
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF-".utf8))
        else {
            let tail = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(300)) } ?? ""
            throw Failure(
                description:
                    "Chromium (\(executable)) could not print the plan (exit \(process.terminationStatus)): "
                    + tail.replacingOccurrences(of: "\n", with: " "))
        }
        return data
    }
}
