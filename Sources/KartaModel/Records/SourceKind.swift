/// What an input file is, which decides how its rows are read and used.
public enum SourceKind: String, Sendable, Codable, CaseIterable {
    /// A municipality's register of the services operating on its territory.
    case municipalRegister = "municipal-register"
    /// The Social Assistance Agency's national view of state-funded services.
    case aspExport = "asp-export"
    /// A municipality's proposal for the Map: the maximum number of users per service.
    case proposal
    /// The Map in force (РМС № 574/2024 or a later update): the maximum number of users per
    /// area, level, kind and target group, which every draft is compared with (ЗСУ Art. 36, 43(2)).
    /// Its rows are kept apart from the service records and never counted as services.
    case adoptedMap = "adopted-map"
}
