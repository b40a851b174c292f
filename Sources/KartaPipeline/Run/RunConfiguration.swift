import Foundation
import KartaAggregate
import KartaEmit
import KartaModel
import KartaNormalize
import KartaStore

/// The files a pipeline names besides its inputs, loaded and checked before anything is read:
/// column mappings, the service dictionary, the criteria and the geometry.
struct RunConfiguration {
    let defaultMapping: ColumnMapping
    let mappings: [URL: ColumnMapping]
    let dictionary: ServiceDictionary
    let criteria: PlanningCriteria
    /// What the run records about its criteria (path, version, SHA-256, text).
    let criteriaRecord: RunCriteria
    /// The financing standards (nil when the pipeline names none).
    let standards: FinancingStandards?
    /// The target-group populations per municipality (nil when the pipeline names none).
    let indicators: TargetGroupIndicators?
    let geometry: AreaGeometry?

    init(pipeline: Pipeline) throws {
        var issues: [PipelineIssue] = []
        func attempt<T>(_ url: URL?, _ body: () throws -> T) -> T? {
            do { return try body() } catch {
                issues.append(
                    PipelineIssue(
                        path: url?.path ?? pipeline.file.path, line: nil, column: nil, message: "\(error)"))
                return nil
            }
        }
        defaultMapping = try ColumnMapping.standard()
        var mappings: [URL: ColumnMapping] = [:]
        for url in Set(pipeline.sources.compactMap(\.mapping)) {
            if let mapping = attempt(url, { try ColumnMapping.load(path: url.path) }) {
                mappings[url] = mapping
            }
        }
        self.mappings = mappings
        let custom = pipeline.serviceDictionary.flatMap { url in
            attempt(url) { try ServiceDictionary.load(path: url.path) }
        }
        dictionary = try custom ?? ServiceDictionary.standard()
        // The criteria file is read once: what is parsed is what is hashed and recorded.
        let criteriaFile = pipeline.criteria.flatMap { url in
            attempt(url) { () throws -> (Data, PlanningCriteria) in
                let data = try Data(contentsOf: url)
                return (data, try CriteriaLoader.parse(String(decoding: data, as: UTF8.self), path: url.path))
            }
        }
        var criteria = criteriaFile?.1 ?? .none
        // Outputs and the store name the criteria file relative to the root: no absolute path.
        let root = PipelineRoot(pipeline.root)
        criteria.sourcePath = criteria.sourcePath.map { root.relative($0) }
        self.criteria = criteria
        criteriaRecord = RunCriteria(
            path: criteriaFile == nil ? nil : pipeline.criteria.map { root.relative($0.path) },
            version: criteria.version, status: criteria.status,
            sha256: criteriaFile.map { FileDigest.sha256($0.0) },
            yaml: criteriaFile.map { String(decoding: $0.0, as: UTF8.self) })
        // Outputs name the standards and indicators files relative to the root, like the criteria.
        standards = pipeline.standards.flatMap { url in
            attempt(url) { () throws -> FinancingStandards in
                var standards = try StandardsLoader.load(path: url.path)
                standards.sourcePath = root.relative(url.path)
                return standards
            }
        }
        indicators = pipeline.indicators.flatMap { url in
            attempt(url) { () throws -> TargetGroupIndicators in
                var indicators = try IndicatorsLoader.load(path: url.path)
                indicators.sourcePath = root.relative(url.path)
                return indicators
            }
        }
        geometry = pipeline.outputs.geometry.flatMap { url in
            attempt(url) { try AreaGeometry.load(path: url.path) }
        }
        if !issues.isEmpty { throw PipelineError(issues: issues) }
    }

    func mapping(for spec: SourceSpec) -> ColumnMapping {
        spec.mapping.flatMap { mappings[$0] } ?? defaultMapping
    }
}

/// Checks of a pipeline beyond its own file: the mappings, dictionary, criteria and geometry it
/// names must load.
public enum PipelineChecks {
    public static func checkReferencedFiles(_ pipeline: Pipeline) throws {
        _ = try RunConfiguration(pipeline: pipeline)
    }
}
