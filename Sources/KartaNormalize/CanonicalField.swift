/// A field of the canonical model that a source column (or XML field) can be mapped to.
///
/// The raw value is the key used in mapping files (`mappings/default.yml`).
public enum CanonicalField: String, Sendable, Hashable, CaseIterable, Codable {
    case district
    case municipality
    case settlementEKATTE = "settlement_ekatte"
    /// The service-type column („Вид на услугата"), which in real exports usually holds the
    /// pre-2020 facility name. Classification reads it first.
    case serviceKind = "service_kind"
    /// The service's name as written („Наименование на услугата"); classification falls back to it.
    case serviceName = "service_name"
    case targetGroup = "target_group"
    /// Places (места).
    case capacity
    /// A proposal's maximum number of users (stored as the record's capacity, see ``Normalizer``).
    case proposedMaximum = "proposed_maximum"
    case users
    case financing
    case provider
    case reportingDate = "reporting_date"
    case serviceID = "service_id"
    /// The level a service is planned at („Ниво": общинско / областно), read from adopted Maps.
    case planningLevel = "planning_level"
    /// Whom a district-level service serves („Обхват": областен / национален, ЗСУ Art. 33).
    case serviceScope = "service_scope"
    /// State funding of the service in leva („Държавно финансиране (лв.)"), read as a money
    /// column (``MoneyColumn``) and stored in stotinki.
    case stateFunding = "state_funding_bgn"
    /// Municipal funding (дофинансиране) in leva: with state funding, mixed financing (ЗСУ Art. 49).
    case municipalFunding = "municipal_funding_bgn"
    /// People on the waiting list („Брой чакащи", ЗСУ Art. 44(4)): a count like users.
    case waitingList = "waiting_list"
}

extension CanonicalField {
    /// A dense index for per-field tables.
    var ordinal: Int {
        switch self {
        case .district: 0
        case .municipality: 1
        case .settlementEKATTE: 2
        case .serviceKind: 3
        case .serviceName: 4
        case .targetGroup: 5
        case .capacity: 6
        case .proposedMaximum: 7
        case .users: 8
        case .financing: 9
        case .provider: 10
        case .reportingDate: 11
        case .serviceID: 12
        case .planningLevel: 13
        case .serviceScope: 14
        case .stateFunding: 15
        case .municipalFunding: 16
        case .waitingList: 17
        }
    }
}
