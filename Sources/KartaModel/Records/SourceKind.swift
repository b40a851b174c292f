/// What an input file is, which decides how its rows are read and used.
public enum SourceKind: String, Sendable, Codable, CaseIterable {
    /// A municipality's register of the services operating on its territory.
    case municipalRegister = "municipal-register"
    /// The Social Assistance Agency's national view of state-funded services.
    case aspExport = "asp-export"
    /// A municipality's proposal for the Map: the maximum number of users per service.
    case proposal
}
