/// One of Bulgaria's 28 districts (области), identified by its EKATTE district code such as `SZR`.
public struct District: Sendable, Hashable, Codable {
    public let code: String
    public let nuts3: String
    public let nameBG: String
    public let nameEN: String
    public let adminCentreEKATTE: String
    /// Census population on 7.09.2021.
    public let population: Int

    public init(
        code: String, nuts3: String, nameBG: String, nameEN: String, adminCentreEKATTE: String,
        population: Int
    ) {
        self.code = code
        self.nuts3 = nuts3
        self.nameBG = nameBG
        self.nameEN = nameEN
        self.adminCentreEKATTE = adminCentreEKATTE
        self.population = population
    }

    enum CodingKeys: String, CodingKey {
        case code
        case nuts3
        case nameBG = "name_bg"
        case nameEN = "name_en"
        case adminCentreEKATTE = "admin_centre_ekatte"
        case population
    }
}

/// One of Bulgaria's 265 municipalities (общини), identified by a code such as `SZR31`.
public struct Municipality: Sendable, Hashable, Codable {
    public let code: String
    public let ekatte: String
    public let districtCode: String
    public let nameBG: String
    public let nameEN: String
    /// Census population on 7.09.2021.
    public let population: Int

    public init(
        code: String, ekatte: String, districtCode: String, nameBG: String, nameEN: String,
        population: Int
    ) {
        self.code = code
        self.ekatte = ekatte
        self.districtCode = districtCode
        self.nameBG = nameBG
        self.nameEN = nameEN
        self.population = population
    }

    enum CodingKeys: String, CodingKey {
        case code
        case ekatte
        case districtCode = "district_code"
        case nameBG = "name_bg"
        case nameEN = "name_en"
        case population
    }
}

/// The three levels at which the Map is aggregated.
public enum AreaLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case municipality
    case district
    case national

    public static func < (lhs: AreaLevel, rhs: AreaLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The code of the country as a whole, used as the area code of national cells.
public let nationalAreaCode = "BG"
