// fuzz-dependencies: KartaPipeline KartaModel
import Foundation
import KartaFuzzSupport
import KartaPipeline

// Any bytes as a pipeline file: the loader returns a pipeline or throws a PipelineError; it
// never crashes. A loaded pipeline's source folders stay inside its root.
let file = FuzzTempFile(name: "pipeline.yml")
try? FileManager.default.createDirectory(atPath: file.folder + "/data", withIntermediateDirectories: true)

runFuzzer { bytes in
    file.write(bytes)
    do {
        let pipeline = try PipelineLoader.load(URL(fileURLWithPath: file.path))
        let root = pipeline.root.standardizedFileURL.resolvingSymlinksInPath().path
        for source in pipeline.sources {
            let path = source.path.standardizedFileURL.resolvingSymlinksInPath().path
            precondition(path == root || path.hasPrefix(root + "/"), "a source outside the root: \(path)")
        }
    } catch is PipelineError {
    } catch {
        preconditionFailure("the loader threw something other than a PipelineError: \(error)")
    }
}
