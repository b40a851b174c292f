/// Why an aggregation could not be computed.
public enum AggregationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The store holds a service kind key karta does not know (a store written by a newer
    /// karta, or edited by hand).
    case unknownKindInStore(key: String, municipality: String)
    /// The store file does not exist.
    case storeMissing(path: String)
    /// An area given on the command line matches nothing.
    case unknownArea(String, suggestions: [String])
    /// An area name matches several areas.
    case ambiguousArea(String, candidates: [String])

    public var description: String {
        switch self {
        case .unknownKindInStore(let key, let municipality):
            "the store holds records of an unknown service kind '\(key)' (municipality \(municipality))"
        case .storeMissing(let path):
            "no store at \(path): run `karta ingest` or `karta run` first, or give --store"
        case .unknownArea(let area, let suggestions):
            "no area matches '\(area)'"
                + (suggestions.isEmpty ? "" : "; did you mean " + suggestions.joined(separator: ", "))
        case .ambiguousArea(let area, let candidates):
            "'\(area)' is ambiguous: \(candidates.joined(separator: ", ")); give the code"
        }
    }
}
