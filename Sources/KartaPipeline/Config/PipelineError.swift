/// A problem with a pipeline file, located at a line and column of the YAML.
public struct PipelineIssue: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(path: String, line: Int?, column: Int?, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}

/// A pipeline file that cannot be used, with every problem found (not only the first).
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var issues: [PipelineIssue]

    public init(issues: [PipelineIssue]) { self.issues = issues }

    public init(path: String, message: String) {
        issues = [PipelineIssue(path: path, line: nil, column: nil, message: message)]
    }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
