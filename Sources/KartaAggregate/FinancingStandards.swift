import KartaModel

/// The financing standards for state-delegated social services (ЗСУ Art. 45) as data: BGN per
/// user per year by service kind × target group × mode of use, adopted every year by a decision
/// of the Council of Ministers.
///
/// The numbers live in a versioned YAML file (`mappings/standards.example.yml`, loaded by
/// ``StandardsLoader``); the code knows no amount. Every draft computed with standards carries
/// their ``version`` and ``status``.
///
/// For the annual plan: ``cost(users:kind:targetGroupCode:mode:)`` gives the cost of N users.
public struct FinancingStandards: Sendable, Codable, Hashable {
    public var version: String
    /// `example` or `official`.
    public var status: StandardsStatus
    /// A plain Bulgarian statement of what the numbers are („Стойностите са примерни …").
    public var statement: String
    /// The decision the standards come from.
    public var legalReference: String
    /// The modes of use (резидентна, дневна, почасова, мобилна …) and the kinds each applies to.
    public var modes: [ModeOfUse]
    public var standards: [FinancingStandard]
    /// The file the standards came from, relative to the pipeline's root where known.
    public var sourcePath: String?

    public init(
        version: String, status: StandardsStatus, statement: String, legalReference: String,
        modes: [ModeOfUse], standards: [FinancingStandard], sourcePath: String? = nil
    ) {
        self.version = version
        self.status = status
        self.statement = statement
        self.legalReference = legalReference
        self.modes = modes
        self.standards = standards
        self.sourcePath = sourcePath
    }

    /// The mode of use of a kind in the draft (a draft cell has no mode of its own); nil when
    /// the file gives the kind none.
    public func mode(of kind: ServiceKind) -> ModeOfUse? {
        modes.first { $0.kinds.contains(kind) }
    }

    /// The standard for a kind × target group × mode: the entry for that target group, else the
    /// kind's entry without a target group (for every group). `mode` nil means the kind's mode
    /// (``mode(of:)``). Nil when there is none.
    public func standard(kind: ServiceKind, targetGroupCode: String, mode: String? = nil) -> FinancingStandard? {
        guard let mode = mode ?? self.mode(of: kind)?.code else { return nil }
        let candidates = standards.filter { $0.kind == kind && $0.mode == mode }
        return candidates.first { $0.targetGroupCode == targetGroupCode }
            ?? candidates.first { $0.targetGroupCode == nil }
    }

    /// The yearly cost of `users` users of a kind × target group × mode (nil: the kind's mode):
    /// `users × standard`, in BGN with 2 decimals. Without a standard the cost is unknown
    /// (``CellCost/status`` is ``CostStatus/unknownStandard``, ``CellCost/costBGN`` nil), never 0.
    ///
    /// ```swift
    /// let cost = standards.cost(users: 25, kind: .dayCare, targetGroupCode: "elderly")
    /// cost.costBGN  // 25 × the day-care standard for the elderly, or nil
    /// ```
    public func cost(users: Int, kind: ServiceKind, targetGroupCode: String, mode: String? = nil) -> CellCost {
        let modeCode = mode ?? self.mode(of: kind)?.code
        guard let standard = standard(kind: kind, targetGroupCode: targetGroupCode, mode: modeCode) else {
            return CellCost(mode: modeCode, status: .unknownStandard, standardBGN: nil, costBGN: nil)
        }
        return CellCost(
            mode: modeCode, status: .known, standardBGN: standard.bgnPerUserYear,
            costBGN: Money.times(users, standard.bgnPerUserYear))
    }

    /// The name of a mode code in Bulgarian (the code itself when unknown).
    public func modeName(_ code: String?) -> String {
        guard let code else { return "—" }
        return modes.first { $0.code == code }?.name ?? code
    }

    enum CodingKeys: String, CodingKey {
        case version
        case status
        case statement
        case legalReference = "legal_reference"
        case modes
        case standards
        case sourcePath = "source_path"
    }
}

/// Whether the standards are the adopted amounts or examples.
public enum StandardsStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case example
    case official
}

/// A mode of use of a service (ЗСУ Art. 45: the standard depends on it), e.g. резидентна.
public struct ModeOfUse: Sendable, Codable, Hashable {
    /// ASCII code: `residential`, `day`, `hourly`, `mobile`.
    public var code: String
    /// Bulgarian name: „резидентна".
    public var name: String
    /// The kinds whose draft cells are costed in this mode.
    public var kinds: [ServiceKind]

    public init(code: String, name: String, kinds: [ServiceKind]) {
        self.code = code
        self.name = name
        self.kinds = kinds
    }
}

/// One standard: BGN per user per year for a kind × target group (nil: any) × mode.
public struct FinancingStandard: Sendable, Codable, Hashable {
    public var kind: ServiceKind
    /// The target group; nil for every group of the kind that has no entry of its own.
    public var targetGroupCode: String?
    public var mode: String
    public var bgnPerUserYear: Double
    /// Line in the standards file, for messages.
    public var line: Int?

    public init(kind: ServiceKind, targetGroupCode: String?, mode: String, bgnPerUserYear: Double, line: Int? = nil) {
        self.kind = kind
        self.targetGroupCode = targetGroupCode
        self.mode = mode
        self.bgnPerUserYear = bgnPerUserYear
        self.line = line
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case targetGroupCode = "target_group_code"
        case mode
        case bgnPerUserYear = "bgn_per_user_year"
        case line
    }
}

/// Sums of money in BGN, computed in whole stotinki so that sums do not drift.
public enum Money {
    /// `count × amount`, rounded half away from zero to stotinki.
    public static func times(_ count: Int, _ amount: Double) -> Double {
        Double(count * stotinki(amount)) / 100
    }

    /// The sum of amounts, each taken to stotinki.
    public static func sum(_ amounts: [Double]) -> Double {
        Double(amounts.reduce(0) { $0 + stotinki($1) }) / 100
    }

    /// The amount in stotinki (BGN × 100), rounded half away from zero.
    public static func stotinki(_ amount: Double) -> Int {
        Int((amount * 100).rounded(.toNearestOrAwayFromZero))
    }
}
