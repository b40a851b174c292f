import ArgumentParser
import Foundation
import KartaPipeline
import KartaStore
import Logging

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: ingest its inputs, aggregate, write the Map draft and out/run.json.",
        discussion: """
            Unchanged inputs (same SHA-256) are not read again; files gone from the sources are \
            removed from the store. Only one run at a time holds a store (an OS file lock).

            Examples:
              karta run pipelines/national-map.yml
              karta run pipelines/national-map.yml --quiet --log-format json   # for cron
              karta run pipelines/national-map.yml --dry-run                   # read, write nothing

            The store changes in one transaction per run, and the outputs are published as one set \
            (with their run.json) by switching one link: a run killed at any moment leaves both as \
            before or after it. A run that would remove more than thresholds.max_removed_percent \
            (default 10) of the stored sources stops before changing anything (exit 1) unless \
            --allow-removals is given.

            Exit status: 0 ok; 1 finished, but data problems exceeded the thresholds (outputs \
            written, run.json says why), or too many removals; 2 invalid pipeline or usage, a source \
            matching no file, a store newer than this karta; 3 another run holds the lock; 4 an \
            input refused as a whole; 74 the environment failed (disk full, read-only folder, \
            permissions, unreadable store); 70 internal error (a bug).
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

    @Flag(help: "Remove stored sources whose files are gone even beyond thresholds.max_removed_percent.")
    var allowRemovals = false

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
            throw ExitCode(.invalidUsage)
        }
        if let store {
            do {
                switch try StoreAddress(parsing: store) {
                case .sqlite(let path):
                    loaded.store = URL(fileURLWithPath: path).standardizedFileURL
                    loaded.postgresStore = nil
                case .postgres(let address):
                    loaded.postgresStore = address
                }
            } catch {
                throw CommandFailure.report(error)
            }
        }
        if let out { loaded.outputs.folder = URL(fileURLWithPath: out).standardizedFileURL }
        var options = RunOptions()
        options.fullRefresh = fullRefresh
        options.dryRun = dryRun
        options.waitSeconds = wait
        options.allowRemovals = allowRemovals
        options.command = (["karta"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let runner = PipelineRunner(
            pipeline: loaded, options: options, logger: logger,
            progress: ProgressReporter.forStandardError(quiet: quiet))
        do {
            let result = try runner.run()
            if let path = result.manifestPath {
                logger.info("manifest: \(path)", metadata: ["run.id": "\(result.manifest.runID)"])
            }
            if result.exitStatus != .success { throw ExitCode(result.exitStatus) }
        } catch let error as ExitCode {
            throw error
        } catch {
            let (message, status) = ErrorStatus.classify(error)
            if status == .internalError {
                logger.critical("\(message)")
            } else {
                logger.error("\(message)")
            }
            throw ExitCode(status)
        }
    }
}

extension LogFormat: ExpressibleByArgument {}
