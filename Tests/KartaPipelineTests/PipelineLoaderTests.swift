import Foundation
import KartaPipeline
import Testing

/// A pipeline may only name files inside its `root`: a pipeline file that points elsewhere (by
/// `..` or through a symbolic link) is refused with the YAML line of the offending path.
@Suite("Pipeline loader: paths stay inside the pipeline's root", .serialized)
struct PipelineLoaderTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("karta-pipeline-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("project/data"), withIntermediateDirectories: true)
    }

    /// Writes `pipelines/pipeline.yml` under the project folder with root `..` and one source.
    func pipeline(sourcePath: String) throws -> URL {
        let pipelines = folder.appendingPathComponent("project/pipelines")
        try FileManager.default.createDirectory(at: pipelines, withIntermediateDirectories: true)
        let file = pipelines.appendingPathComponent("pipeline.yml")
        let yaml = """
            name: hostile
            root: ..
            sources:
              - path: ../data
                glob: "*.csv"
                kind: municipal-register
              - path: \(sourcePath)
                kind: municipal-register
            """
        try Data(yaml.utf8).write(to: file)
        return file
    }

    func loadError(_ file: URL) -> PipelineError? {
        do {
            _ = try PipelineLoader.load(file)
            return nil
        } catch let error as PipelineError {
            return error
        } catch {
            Issue.record("not a PipelineError: \(error)")
            return nil
        }
    }

    @Test("a source path ../../etc leaves the root: refused at its YAML line")
    func dotDotOutside() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try pipeline(sourcePath: "../../etc")
        let error = try #require(loadError(file))
        #expect(error.issues.count == 1)
        let issue = try #require(error.issues.first)
        #expect(issue.line == 7)
        #expect(issue.message.contains("'path' ../../etc points outside the pipeline's root"), "\(issue)")
        #expect(error.description.hasPrefix("\(file.path):7:"), "\(error)")
    }

    @Test("a source path through a symbolic link that points outside the root is refused")
    func symlinkOutside() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("project/data/escape")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc")
        let file = try pipeline(sourcePath: "../data/escape/passwd")
        let error = try #require(loadError(file))
        let issue = try #require(error.issues.first)
        #expect(issue.line == 7)
        #expect(
            issue.message.contains("'path' ../data/escape/passwd points outside the pipeline's root"),
            "\(issue)")
    }

    @Test("a symbolic-link loop as a source path is refused, not followed forever")
    func symlinkLoop() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let loopA = folder.appendingPathComponent("project/data/loop-a")
        let loopB = folder.appendingPathComponent("project/data/loop-b")
        try FileManager.default.createSymbolicLink(atPath: loopA.path, withDestinationPath: loopB.path)
        try FileManager.default.createSymbolicLink(atPath: loopB.path, withDestinationPath: loopA.path)
        let file = try pipeline(sourcePath: "../data/loop-a")
        let error = try #require(loadError(file))
        #expect(error.issues.first?.line == 7, "\(error)")
    }

    @Test("the same pipeline with a source inside the root loads")
    func inside() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("project/data/register.csv"))
        let loaded = try PipelineLoader.load(try pipeline(sourcePath: "../data/register.csv"))
        #expect(loaded.sources.count == 2)
        #expect(loaded.sources[1].path.lastPathComponent == "register.csv")
    }
}
