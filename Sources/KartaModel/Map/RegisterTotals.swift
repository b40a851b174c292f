import Foundation

/// What the registers say, summed over a cell or an area: the money behind the services
/// (state and municipal parts, ЗСУ Art. 49), their waiting lists (Art. 44(4)) and the services
/// with three months without users (Art. 58(1) т. 2).
///
/// Amounts are kept in stotinki (exact integers); JSON gives them in leva as numbers with at most
/// two decimals (`state_funding_bgn: 1234.5`). A register that does not give a figure adds 0.
public struct RegisterTotals: Sendable, Hashable, Codable {
    /// State funding in stotinki.
    public var stateFundingStotinki: Int
    /// Municipal funding (дофинансиране) in stotinki.
    public var municipalFundingStotinki: Int
    /// Services with mixed financing: both a state and a municipal part above 0.
    public var mixedFinancingServices: Int
    /// People on waiting lists.
    public var waitingList: Int
    /// Services the registers show without users for three consecutive months or more.
    public var servicesWithoutUsers: Int

    public init(
        stateFundingStotinki: Int = 0, municipalFundingStotinki: Int = 0, mixedFinancingServices: Int = 0,
        waitingList: Int = 0, servicesWithoutUsers: Int = 0
    ) {
        self.stateFundingStotinki = stateFundingStotinki
        self.municipalFundingStotinki = municipalFundingStotinki
        self.mixedFinancingServices = mixedFinancingServices
        self.waitingList = waitingList
        self.servicesWithoutUsers = servicesWithoutUsers
    }

    /// Nothing from any register: every figure 0.
    public static let zero = RegisterTotals()

    /// Adds another group's totals.
    public static func += (lhs: inout RegisterTotals, rhs: RegisterTotals) {
        lhs.stateFundingStotinki += rhs.stateFundingStotinki
        lhs.municipalFundingStotinki += rhs.municipalFundingStotinki
        lhs.mixedFinancingServices += rhs.mixedFinancingServices
        lhs.waitingList += rhs.waitingList
        lhs.servicesWithoutUsers += rhs.servicesWithoutUsers
    }

    enum CodingKeys: String, CodingKey {
        case stateFunding = "state_funding_bgn"
        case municipalFunding = "municipal_funding_bgn"
        case mixedFinancingServices = "mixed_financing_services"
        case waitingList = "waiting_list"
        case servicesWithoutUsers = "services_without_users_three_months"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Leva(stotinki: stateFundingStotinki), forKey: .stateFunding)
        try container.encode(Leva(stotinki: municipalFundingStotinki), forKey: .municipalFunding)
        try container.encode(mixedFinancingServices, forKey: .mixedFinancingServices)
        try container.encode(waitingList, forKey: .waitingList)
        try container.encode(servicesWithoutUsers, forKey: .servicesWithoutUsers)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stateFundingStotinki = try container.decode(Leva.self, forKey: .stateFunding).stotinki
        municipalFundingStotinki = try container.decode(Leva.self, forKey: .municipalFunding).stotinki
        mixedFinancingServices = try container.decode(Int.self, forKey: .mixedFinancingServices)
        waitingList = try container.decode(Int.self, forKey: .waitingList)
        servicesWithoutUsers = try container.decode(Int.self, forKey: .servicesWithoutUsers)
    }
}

/// An amount in leva, kept in stotinki: a JSON number in leva (`1234.5`), written by
/// `JSONEncoder` from the exact decimal, and text with a decimal comma for people („1234,50").
public struct Leva: Sendable, Hashable, Codable {
    public var stotinki: Int

    public init(stotinki: Int) { self.stotinki = stotinki }

    /// „1234,50": two decimals and a decimal comma, no grouping (what Excel in Bulgarian reads).
    public var textBG: String {
        let magnitude = stotinki.magnitude
        let cents = magnitude % 100
        return (stotinki < 0 ? "-" : "") + "\(magnitude / 100)," + (cents < 10 ? "0" : "") + "\(cents)"
    }

    /// "1234.50": two decimals and a decimal point (plain CSV, XML).
    public var textPoint: String { textBG.replacingOccurrences(of: ",", with: ".") }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Decimal(stotinki) / 100)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let leva = try container.decode(Decimal.self)
        var stotinki = leva * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &stotinki, 0, .plain)
        self.stotinki = NSDecimalNumber(decimal: rounded).intValue
    }
}

/// A service the registers show without users for three consecutive months or more: ended by
/// ЗСУ Art. 58(1) т. 2 unless the municipality explains. Listed in the draft and the report.
public struct ServiceWithoutUsers: Sendable, Hashable, Codable {
    public var municipalityCode: String
    public var serviceName: String
    public var kind: ServiceKind
    /// The months without users, as the register's headers name them („октомври 2025").
    public var months: [String]
    public var sourcePath: String
    public var line: Int
    /// The record's store id (lineage).
    public var recordID: Int64

    public init(
        municipalityCode: String, serviceName: String, kind: ServiceKind, months: [String], sourcePath: String,
        line: Int, recordID: Int64
    ) {
        self.municipalityCode = municipalityCode
        self.serviceName = serviceName
        self.kind = kind
        self.months = months
        self.sourcePath = sourcePath
        self.line = line
        self.recordID = recordID
    }

    enum CodingKeys: String, CodingKey {
        case municipalityCode = "municipality_code"
        case serviceName = "service_name"
        case kind
        case months
        case sourcePath = "source_path"
        case line
        case recordID = "record_id"
    }
}
