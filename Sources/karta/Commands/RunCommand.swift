import ArgumentParser
import Foundation
import KartaPipeline
import Logging

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: ingest its inputs, aggregate, write the Map draft and out/run.json.",
        discussion: """
            Unchanged inputs (same SHA-256) are not read again; files gone from the sources are
            removed from the store. Only one run at a time holds a store (an OS file lock).

            Examples:
              karta run pipelines/national-map.yml
              karta run pipelines/national-map.yml --quiet --log-format json   # for cron
              karta run pipelines/national-map.yml --dry-run                   # read, write nothing

            Exit status: 0 ok; 1 finished, but data problems exceeded the thresholds (outputs
            written, run.json says why); 2 invalid pipeline or usage; 3 another run holds the
            lock; 4 an input refused as a whole; 70 internal error.
            """)

    @Argument(help: "The pipeline file.")
    var pipeline: String = "pipelines/national-map.yml"

    @Option(help: "The store file instead of the pipeline's.")
    var store: String?

    @Option(help: "The output folder instead of the pipeline's.")
    var out: String?

    @Flag(help: "Read every input again, even unchanged ones.")
    var fullRefresh = false

    @Flag(help: "Read and validate everything; write nothing.")
    var dryRun = false

    @Option(help: "Wait up to SECONDS for another run's lock instead of exiting with status 3.")
    var wait: Double = 0

    @Option(help: "Log format on stderr: text or json.")
    var logFormat: LogFormat = .text

    @Flag(help: "Print only warnings and errors (for cron).")
    var quiet = false

    func run() throws {
        LoggingSetup.bootstrap(format: logFormat, quiet: quiet)
        let logger = Logger(label: "karta.run")
        var loaded: Pipeline
        do {
            loaded = try PipelineLoader.load(URL(fileURLWithPath: pipeline))
        } catch let error as PipelineError {
            for issue in error.issues { logger.error("\(issue.description)") }
            throw ExitCode(ExitStatus.invalidUsage.rawValue)
        }
        if let store { loaded.store = URL(fileURLWithPath: store).standardizedFileURL }
        if let out { loaded.outputs.folder = URL(fileURLWithPath: out).standardizedFileURL }
        var options = RunOptions()
        options.fullRefresh = fullRefresh
        options.dryRun = dryRun
        options.waitSeconds = wait
        options.command = (["karta"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let runner = PipelineRunner(
            pipeline: loaded, options: options, logger: logger,
            progress: ProgressReporter.forStandardError(quiet: quiet))
        do {
            let result = try runner.run()
            if let path = result.manifestPath {
                logger.info("manifest: \(path)", metadata: ["run.id": "\(result.manifest.runID)"])
            }
            if result.exitStatus != .success { throw ExitCode(result.exitStatus.rawValue) }
        } catch let error as RunLock.Held {
            logger.error("\(error.description)")
            throw ExitCode(ExitStatus.locked.rawValue)
        } catch let error as PipelineError {
            for issue in error.issues { logger.error("\(issue.description)") }
            throw ExitCode(ExitStatus.invalidUsage.rawValue)
        } catch let error as ExitCode {
            throw error
        } catch {
            logger.critical("internal error: \(error)")
            throw ExitCode(ExitStatus.internalError.rawValue)
        }
    }
}

extension LogFormat: ExpressibleByArgument {}
