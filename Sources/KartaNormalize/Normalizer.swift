import KartaModel

/// Turns the raw rows of one file into service records, rejects and non-data rows.
///
/// Use one normalizer per file: call ``begin(description:)`` with the reader's description
/// (it binds columns and refuses a file that lacks a required column before any row is read),
/// then ``normalize(_:)`` for every row and ``reject(_:)`` for every problem the reader found.
///
/// Proposal sources (``SourceKind/proposal``) carry the proposed **maximum number of users**
/// per service: the normalizer stores that number as the record's `capacity` and leaves `users`
/// nil. The number comes from the `proposed_maximum` column, else `capacity`, else `users`.
/// Aggregation relies on this: for proposals, `capacity` means "proposed maximum users".
/// Adopted Maps (``SourceKind/adoptedMap``) are read the same way (their maximum users as
/// `capacity`); their level comes from a `planning_level` column („Ниво"), and a district-level
/// line may name its district alone (its record's `municipalityCode` is then empty).
///
/// Counts are whole numbers: „1,200", „1.200" and „1 200" are 1200; a count with a fractional
/// part („12,5") is rejected as `malformed`, never rounded. A blank or „н/д"/„-"/„—"/„няма" count
/// in a bound capacity or users column is unknown: the row loads with a `capacity_missing` (or
/// `users_missing`) warning and its count stays nil, so sums leave it out.
///
/// Every reject message comes from the one catalogue, ``RejectMessage``.
///
/// Personal data: columns named like ЕГН/ЛНЧ/user names are never read; every value used and
/// the raw text of every reject have ЕГН tokens masked as „[ЕГН]"; when a file has a personal
/// column, a reject's raw text is rebuilt from the fields with that column blanked.
/// ``droppedColumns`` lists, at the end of the file, the columns dropped by name and those whose
/// values turned out to be mostly ЕГН.
public final class Normalizer {
    public let mapping: ColumnMapping
    public let dictionary: ServiceDictionary
    public let registry: ReferenceRegistry
    public let options: NormalizeOptions

    private var binding = ColumnBinding(columns: [:], header: [], personalColumns: [], unmappedColumns: [])
    private var columnsByField: [[Int]] = Array(repeating: [], count: CanonicalField.allCases.count)
    private var begun = false
    private var delimiter = ";"
    private var headerLowercased: [String] = []
    /// Per column, the first two bytes of the header in lower and upper case.
    private var headerPrefixes: [(UInt16, UInt16)] = []
    private let totalsKeys: [String]
    private let missingValues: Set<String>
    /// The first two bytes of the missing values (any case), so most cells skip the set lookup
    /// (a few entries: a linear scan, no hashing).
    private let missingPrefixes: [UInt16]
    private let financingWords: [(Financing, [WordPattern])]

    private let duplicates = DuplicateRows()
    private var areaCache = BoundedCache<AreaKey, AreaOutcome>()
    private var matchCache = BoundedCache<TextKey, ServiceDictionary.Meaning?>()
    /// The nearest known names per unknown service text (the same unknown name recurs on many rows).
    private var nearestCache = BoundedCache<TextKey, [String]>()
    private var cueCache = BoundedCache<TextKey, TargetGroup?>()
    private var targetColumnCache = BoundedCache<TextKey, TargetGroup?>()
    private var financingCache = BoundedCache<TextKey, Financing>()
    /// One per cell a totals row is recognised by (the first two non-empty cells of a row).
    private var totalsCaches = [BoundedCache<TextKey, Bool>(), BoundedCache<TextKey, Bool>()]
    private var dateCache = BoundedCache<TextKey, String?>()
    private var nonEmptyPerColumn: [Int] = []
    private var personalNumbersPerColumn: [Int] = []
    /// The cells of each bound money column seen by ``observeMoney(_:)``, by field.
    private var moneyCells: [CanonicalField: [String]] = [:]
    /// Each bound money column's reading, decided from all its cells before the first row.
    private var moneyColumns: [CanonicalField: MoneyColumn]?
    private var monthly = MonthlyUsers(columns: [])

    public init(
        mapping: ColumnMapping, dictionary: ServiceDictionary, registry: ReferenceRegistry = .bulgaria,
        options: NormalizeOptions
    ) {
        self.mapping = mapping
        self.dictionary = dictionary
        self.registry = registry
        self.options = options
        totalsKeys = mapping.totalsWords.map(NameKey.fold).filter { !$0.isEmpty }
        missingValues = Set(mapping.missingValues.map { $0.lowercased() })
        missingPrefixes = Array(
            Set(mapping.missingValues.flatMap { [Self.prefix($0.lowercased()), Self.prefix($0.uppercased())] }))
        financingWords = mapping.financingWords.map {
            ($0.0, $0.1.map { WordPattern(folded: NameKey.fold($0)) })
        }
    }

    /// Binds the file's columns; throws when a required field has no column.
    @discardableResult
    public func begin(description: RawSourceDescription) throws(MissingColumnsError) -> ColumnBinding {
        binding = try ColumnBinding.bind(
            header: description.header, format: description.format, mapping: mapping, path: description.path,
            kind: options.sourceKind)
        columnsByField = Array(repeating: [], count: CanonicalField.allCases.count)
        for (field, columns) in binding.columns { columnsByField[field.ordinal] = columns }
        delimiter = description.delimiter ?? "; "
        headerLowercased = description.header.map { $0.trimmingSpaces().lowercased() }
        headerPrefixes = headerLowercased.map { (Self.prefix($0), Self.prefix($0.uppercased())) }
        nonEmptyPerColumn = Array(repeating: 0, count: description.header.count)
        personalNumbersPerColumn = nonEmptyPerColumn
        moneyCells = [:]
        moneyColumns = nil
        monthly = MonthlyUsers(columns: binding.monthlyUsers)
        begun = true
        return binding
    }

    /// The money fields (state and municipal funding) with a column in this file.
    static let moneyFields: [CanonicalField] = [.stateFunding, .municipalFunding]

    /// True when the file has a money column: its rows must first go through
    /// ``observeMoney(_:)`` (a first pass over the file), so that each column's decimal
    /// convention is read from all of its cells before any row is normalized.
    public var needsMoneyPass: Bool {
        Self.moneyFields.contains { !columnsByField[$0.ordinal].isEmpty }
    }

    /// Notes the money cells of one row of the first pass (totals rows and repeated headers
    /// are left out: they are not amounts of a service).
    public func observeMoney(_ row: RawRow) {
        precondition(begun, "Normalizer.begin(description:) must be called before observeMoney(_:)")
        let fields = row.fields
        var hasMoney = false
        for field in Self.moneyFields {
            if let index = columnsByField[field.ordinal].first, index < fields.count, clean(fields[index]) != nil {
                hasMoney = true
            }
        }
        guard hasMoney, !isTotalsRow(fields) else { return }
        for field in Self.moneyFields {
            guard let index = columnsByField[field.ordinal].first, index < fields.count,
                let cell = clean(fields[index])
            else { continue }
            moneyCells[field, default: []].append(cell)
        }
    }

    /// Each money column's reading: decided once, from the cells ``observeMoney(_:)`` saw.
    private func decidedMoneyColumns() -> [CanonicalField: MoneyColumn] {
        if let moneyColumns { return moneyColumns }
        var decided: [CanonicalField: MoneyColumn] = [:]
        for field in Self.moneyFields {
            guard let label = column(field) else { continue }
            decided[field] = MoneyColumn(header: label, cells: moneyCells[field] ?? [])
        }
        moneyCells = [:]
        moneyColumns = decided
        return decided
    }

    /// How each money column of the file reads, for `karta ingest` and the logs: per field,
    /// the convention or the Bulgarian reason it cannot be read.
    public var moneyReadings: [CanonicalField: MoneyColumn] { decidedMoneyColumns() }

    /// Where fingerprints of earlier rows go once 262,144 of them are in memory, so that
    /// duplicate detection needs no memory per row (``Store`` gives one for each load).
    public var fingerprintSpill: (any RowFingerprintSpill)? {
        get { duplicates.spill }
        set { duplicates.spill = newValue }
    }

    /// The columns dropped as personal data so far (by name from the start; by values once they
    /// are mostly valid ЕГН).
    public var droppedColumns: [DroppedColumn] {
        var dropped = binding.personalColumns.map { DroppedColumn(name: binding.header[$0], because: "name") }
        for index in personalNumbersPerColumn.indices where !binding.personalColumns.contains(index) {
            let hits = personalNumbersPerColumn[index]
            if hits > 0, hits * 2 > nonEmptyPerColumn[index] {
                dropped.append(DroppedColumn(name: binding.header[index], because: "values"))
            }
        }
        return dropped
    }

    /// What one row becomes.
    public func normalize(_ row: RawRow) -> NormalizedRow {
        precondition(begun, "Normalizer.begin(description:) must be called before normalize(_:)")
        let fields = row.fields
        var nonEmpty = 0
        for index in fields.indices where !fields[index].isEmpty {
            if fields[index].utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            nonEmpty += 1
            if index < nonEmptyPerColumn.count {
                nonEmptyPerColumn[index] += 1
                let length = fields[index].utf8.count
                if length >= 10, length <= 14, PersonalDataMask.isPersonalNumber(fields[index]) {
                    personalNumbersPerColumn[index] += 1
                }
            }
        }
        if nonEmpty == 0 { return .blank }
        if isTotalsRow(fields) || isRepeatedHeader(fields, nonEmpty: nonEmpty) { return .nonData }
        if duplicates.isRepeat(RowFingerprint(fields: fields)) {
            return reject(row, column: nil, .repeatedRow)
        }
        return normalizeData(row)
    }

    /// The reject for a record the reader could not split into fields, with personal data masked.
    public func reject(_ problem: RawRowProblem) -> Reject {
        let rawText =
            binding.personalColumns.isEmpty
            ? PersonalDataMask.mask(problem.rawText)
            : "[скрит: файлът съдържа колона с лични данни]"
        return Reject(
            provenance: provenance(problem.position), column: problem.column, reason: problem.reason,
            message: PersonalDataMask.mask(problem.message), rawText: rawText)
    }

    // MARK: - Data rows

    private func normalizeData(_ row: RawRow) -> NormalizedRow {
        let fields = row.fields
        // Where
        let districtText = value(.district, fields)
        let municipalityText = value(.municipality, fields)
        let ekatte = value(.settlementEKATTE, fields)
        if let ekatte, !(ekatte.utf8.count == 5 && ekatte.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })) {
            return reject(row, column: column(.settlementEKATTE), .notAnEKATTE(value: ekatte))
        }
        let municipality: Municipality?
        let districtCode: String
        if options.sourceKind == .adoptedMap, municipalityText == nil, ekatte == nil, let districtText {
            // A district-level line of an adopted Map may name its district alone.
            switch registry.resolveDistrict(districtText) {
            case .found(let found):
                municipality = nil
                districtCode = found.code
            case .ambiguous(let candidates):
                return reject(
                    row, column: column(.district),
                    .ambiguousDistrict(written: districtText, candidates: candidates.map { "\($0.nameBG) (\($0.code))" }))
            case .notFound(let suggestions):
                return reject(
                    row, column: column(.district),
                    .unknownDistrict(written: districtText, nearest: suggestions.map { "\($0.nameBG) (\($0.code))" }))
            }
        } else {
            switch area(district: districtText, municipality: municipalityText, ekatte: ekatte) {
            case .found(let found):
                municipality = found
                districtCode = found.districtCode
            case .rejected(let field, let message):
                return reject(row, column: column(field), message)
            }
        }
        // What
        let kindText = value(.serviceKind, fields)
        let nameText = value(.serviceName, fields)
        guard let serviceText = nameText ?? kindText else {
            let columnName = column(.serviceName) ?? column(.serviceKind)
            return reject(row, column: columnName, .noService(column: columnName))
        }
        let targetText = value(.targetGroup, fields)
        let classification = classify(kind: kindText, name: nameText, target: targetText)
        guard case .service(let kinds, let targetGroup, let classifiedLevel) = classification else {
            let written = kindText ?? serviceText
            let name = kindText != nil ? nameText : nil
            let message: RejectMessage
            if case .unknown(let note?) = classification {
                message = .notASocialService(written: written, name: name, note: note)
            } else {
                message = .unknownService(written: written, name: name, nearest: nearestNames(written))
            }
            return reject(row, column: column(kindText != nil ? .serviceKind : .serviceName), message)
        }
        var planningLevel = classifiedLevel
        if options.sourceKind == .adoptedMap {
            // An adopted Map says the level itself; a line without a municipality is district-level.
            if let levelText = value(.planningLevel, fields) {
                guard let stated = Self.planningLevel(levelText) else {
                    let label = column(.planningLevel) ?? CanonicalField.planningLevel.rawValue
                    return reject(row, column: label, .unknownPlanningLevel(value: levelText, column: label))
                }
                planningLevel = stated
            }
            if municipality == nil {
                guard planningLevel == .district || value(.planningLevel, fields) == nil else {
                    return reject(row, column: column(.municipality), .noMunicipality)
                }
                planningLevel = .district
            }
        }
        // Whom a district-level service serves (ЗСУ Art. 33); the district by default.
        var scope: ServiceScope?
        if planningLevel == .district, let scopeText = value(.serviceScope, fields) {
            guard let stated = Self.scope(scopeText) else {
                let label = column(.serviceScope) ?? CanonicalField.serviceScope.rawValue
                return reject(row, column: label, .unknownScope(value: scopeText, column: label))
            }
            scope = stated
        }
        // How much
        var warnings: [RecordWarning] = []
        let capacity: Int?
        let users: Int?
        if options.sourceKind == .proposal || options.sourceKind == .adoptedMap {
            let field: CanonicalField =
                value(.proposedMaximum, fields) != nil
                ? .proposedMaximum : value(.capacity, fields) != nil ? .capacity : .users
            if value(field, fields) == nil {
                // no number in any of the three columns: an unknown proposed maximum
                let label = column(.proposedMaximum) ?? column(.capacity) ?? column(.users) ?? field.rawValue
                warnings.append(.countMissing(.capacity, column: label))
                capacity = nil
            } else {
                switch count(field, fields, warnings: &warnings) {
                case .value(let number): capacity = number
                case .problem(let message): return reject(row, column: column(field), message)
                }
            }
            users = nil
        } else {
            switch count(.capacity, fields, warnings: &warnings) {
            case .value(let number): capacity = number
            case .problem(let message): return reject(row, column: column(.capacity), message)
            }
            switch count(.users, fields, warnings: &warnings) {
            case .value(let number): users = number
            case .problem(let message): return reject(row, column: column(.users), message)
            }
            if let users, let capacity, users > capacity {
                warnings.append(.usersAboveCapacity(users: users, capacity: capacity))
            }
        }
        // Money, waiting list, months without users (ЗСУ Art. 49, 44(4), 58)
        var register = RegisterFacts()
        for field in Self.moneyFields {
            switch amount(field, fields, warnings: &warnings) {
            case .value(let stotinki):
                if field == .stateFunding {
                    register.stateFundingStotinki = stotinki
                } else {
                    register.municipalFundingStotinki = stotinki
                }
            case .problem(let message): return reject(row, column: column(field), message)
            }
        }
        if column(.waitingList) != nil {
            var ignored: [RecordWarning] = []  // an unknown waiting list is not a problem
            switch count(.waitingList, fields, warnings: &ignored) {
            case .value(let number): register.waitingList = number
            case .problem(let message): return reject(row, column: column(.waitingList), message)
            }
        }
        if !monthly.columns.isEmpty {
            var counts: [(MonthlyColumn.Month, Int?)] = []
            for monthColumn in monthly.columns {
                let label = binding.header[monthColumn.index]
                let text = monthColumn.index < fields.count ? clean(fields[monthColumn.index]) : nil
                guard let text else {
                    counts.append((monthColumn.month, nil))
                    continue
                }
                switch BulgarianNumber.count(text) {
                case .whole(let integer):
                    if integer < 0 { return reject(row, column: label, .negativeCount(value: integer, column: label)) }
                    counts.append((monthColumn.month, integer))
                case .fraction:
                    return reject(row, column: label, .fractionalCount(value: text, column: label))
                case .notANumber:
                    return reject(row, column: label, .notANumber(value: text, column: label))
                }
            }
            if let months = MonthlyUsers.monthsWithoutUsers(counts) {
                let names = months.map(\.nameBG)
                register.monthsWithoutUsers = names
                warnings.append(.noUsersThreeMonths(months: names))
            }
        }
        // When
        var reportingDate: String?
        if let dateText = value(.reportingDate, fields) {
            guard let iso = isoDate(dateText) else {
                return reject(
                    row, column: column(.reportingDate),
                    .notADate(value: dateText, column: column(.reportingDate) ?? "reporting_date"))
            }
            if let period = options.reportingPeriod, !period.contains(iso) {
                return reject(
                    row, column: column(.reportingDate),
                    .outsidePeriod(date: iso, from: period.lowerBound, to: period.upperBound))
            }
            reportingDate = iso
        }
        let record = ServiceRecord(
            municipalityCode: municipality?.code ?? "", districtCode: districtCode, kinds: kinds,
            targetGroup: targetGroup, serviceName: serviceText, capacity: capacity, users: users,
            financing: financing(value(.financing, fields)), provider: value(.provider, fields),
            reportingDate: reportingDate, planningLevel: planningLevel, sourceKind: options.sourceKind,
            serviceID: value(.serviceID, fields), settlementEKATTE: ekatte,
            provenance: provenance(row.position), warnings: warnings, scope: scope, register: register)
        return .record(record)
    }

    /// „общинско"/„municipal" or „областно"/„district" (any case, also „общинско ниво").
    static func planningLevel(_ text: String) -> PlanningLevel? {
        let folded = NameKey.fold(text)  // transliterated: „общинско" is `obshtinsko`
        if folded.hasPrefix("obshtin") || folded.hasPrefix("municip") { return .municipal }
        if folded.hasPrefix("oblast") || folded.hasPrefix("district") || folded.hasPrefix("regional") {
            return .district
        }
        return nil
    }

    /// „областен"/„district"/„регионален" or „национален"/„national"/„за цялата страна".
    static func scope(_ text: String) -> ServiceScope? {
        let folded = NameKey.fold(text)  // transliterated: „областен" is `oblasten`
        if folded.hasPrefix("oblast") || folded.hasPrefix("district") || folded.hasPrefix("region") {
            return .district
        }
        if folded.hasPrefix("natsional") || folded.hasPrefix("national") || folded.contains("tsyalata strana") {
            return .national
        }
        return nil
    }

    // MARK: - Fields

    /// The first non-missing value among the columns bound to `field`: trimmed, ЕГН masked.
    private func value(_ field: CanonicalField, _ fields: [String]) -> String? {
        for index in columnsByField[field.ordinal] where index < fields.count {
            if let cleaned = clean(fields[index]) { return cleaned }
        }
        return nil
    }

    private func clean(_ raw: String) -> String? {
        guard !raw.isEmpty else { return nil }
        var text = raw
        if let first = raw.utf8.first, let last = raw.utf8.last,
            first == 0x20 || first == 0x09 || first == 0xC2 || last == 0x20 || last == 0x09 || last == 0xA0
        {
            text = raw.trimmingSpaces()
            if text.isEmpty { return nil }
        }
        if text.utf8.count <= 24, missingPrefixes.contains(Self.prefix(text)),
            missingValues.contains(text.lowercased())
        {
            return nil
        }
        if text.utf8.count >= 10 { return PersonalDataMask.mask(text) }
        return text
    }

    /// The first two UTF-8 bytes of `text` as one number (the second is 0 for one-byte text).
    private static func prefix(_ text: String) -> UInt16 {
        var bytes = text.utf8.makeIterator()
        let first = UInt16(bytes.next() ?? 0)
        return first << 8 | UInt16(bytes.next() ?? 0)
    }

    private func column(_ field: CanonicalField) -> String? { binding.columnName(field) }

    private enum Count {
        case value(Int?)
        case problem(RejectMessage)
    }

    /// A count column's value: nil when the column is absent, or bound but blank or „н/д"
    /// (unknown: a `capacity_missing`/`users_missing` warning); a reject for text that is not a
    /// whole number or is negative.
    private func count(_ field: CanonicalField, _ fields: [String], warnings: inout [RecordWarning]) -> Count {
        guard let label = column(field) else { return .value(nil) }
        guard let text = value(field, fields) else {
            warnings.append(.countMissing(field == .users ? .users : .capacity, column: label))
            return .value(nil)
        }
        switch BulgarianNumber.count(text) {
        case .whole(let integer):
            if integer < 0 { return .problem(.negativeCount(value: integer, column: label)) }
            return .value(integer)
        case .fraction:
            return .problem(.fractionalCount(value: text, column: label))
        case .notANumber:
            return .problem(.notANumber(value: text, column: label))
        }
    }

    private enum Amount {
        case value(Int?)
        case problem(RejectMessage)
    }

    /// A money column's amount in stotinki: nil when the column is absent or the cell blank;
    /// nil with a `money_unreadable` warning when the whole column cannot be read (ambiguous or
    /// contradictory decimal marks); a `malformed` reject for a cell that is not an amount in a
    /// column that reads (as for any other number).
    private func amount(_ field: CanonicalField, _ fields: [String], warnings: inout [RecordWarning]) -> Amount {
        guard let label = column(field), let index = columnsByField[field.ordinal].first else { return .value(nil) }
        guard index < fields.count, let text = clean(fields[index]) else { return .value(nil) }
        guard let money = decidedMoneyColumns()[field] else { return .value(nil) }
        if let problem = money.problem {
            warnings.append(.moneyUnreadable(column: label, reason: problem))
            return .value(nil)
        }
        do {
            return .value(try money.stotinki(text))
        } catch {
            var example: String?
            if case .convention(_, let shown) = money.detection { example = shown }
            return .problem(.notAnAmount(value: text, column: label, example: example))
        }
    }

    // MARK: - Areas

    private struct AreaKey: Hashable {
        var district: OptionalTextKey
        var municipality: OptionalTextKey
        var ekatte: OptionalTextKey
    }

    private enum AreaOutcome {
        case found(Municipality)
        case rejected(CanonicalField, RejectMessage)
    }

    private func area(district: String?, municipality: String?, ekatte: String?) -> AreaOutcome {
        let key = AreaKey(
            district: OptionalTextKey(district), municipality: OptionalTextKey(municipality),
            ekatte: OptionalTextKey(ekatte))
        return areaCache.value(for: key) { _ in
            resolveArea(district: district, municipality: municipality, ekatte: ekatte)
        }
    }

    private func resolveArea(district: String?, municipality: String?, ekatte: String?) -> AreaOutcome {
        var givenDistrict: District?
        if let district {
            switch registry.resolveDistrict(district) {
            case .found(let found): givenDistrict = found
            case .ambiguous(let candidates):
                return .rejected(
                    .district,
                    .ambiguousDistrict(written: district, candidates: candidates.map { "\($0.nameBG) (\($0.code))" }))
            case .notFound(let suggestions):
                return .rejected(
                    .district,
                    .unknownDistrict(written: district, nearest: suggestions.map { "\($0.nameBG) (\($0.code))" }))
            }
        }
        guard let municipality else {
            guard let ekatte else { return .rejected(.municipality, .noMunicipality) }
            let byEKATTE = registry.municipalities(ekatte: ekatte)
            guard byEKATTE.count == 1 else {
                return .rejected(.settlementEKATTE, .ekatteNotOneMunicipality(ekatte: ekatte, found: byEKATTE.count))
            }
            return check(byEKATTE[0], in: givenDistrict)
        }
        switch registry.resolveMunicipality(municipality, districtHint: givenDistrict?.code) {
        case .found(let found):
            return check(found, in: givenDistrict)
        case .ambiguous(let candidates):
            if let givenDistrict, !candidates.contains(where: { $0.districtCode == givenDistrict.code }) {
                return .rejected(
                    .municipality,
                    .municipalityNotInDistrict(written: municipality, district: "\(givenDistrict.nameBG) (\(givenDistrict.code))"))
            }
            return .rejected(
                .municipality,
                .ambiguousMunicipality(
                    written: municipality,
                    candidates: candidates.map { "\($0.nameBG) (\($0.code), област \($0.districtCode))" }))
        case .notFound(let suggestions):
            return .rejected(
                .municipality,
                .unknownMunicipality(written: municipality, nearest: suggestions.map { "\($0.nameBG) (\($0.code))" }))
        }
    }

    private func check(_ municipality: Municipality, in district: District?) -> AreaOutcome {
        if let district, district.code != municipality.districtCode {
            return .rejected(
                .municipality,
                .districtMismatch(
                    municipality: "\(municipality.nameBG) (\(municipality.code))", itsDistrict: municipality.districtCode,
                    rowDistrict: "\(district.nameBG) (\(district.code))"))
        }
        return .found(municipality)
    }

    // MARK: - Services and financing

    /// Classifies with caches per distinct text: the kind column first, then the name (see
    /// ``ServiceDictionary/classify(kindText:nameText:targetText:)``).
    private func classify(kind: String?, name: String?, target: String?) -> ServiceClassification {
        guard let meaning = kind.flatMap(cachedMatch) ?? name.flatMap(cachedMatch) else {
            return .unknown(note: nil)
        }
        if case .notAService = meaning { return dictionary.classification(meaning, targetGroup: nil) }
        let group = target.flatMap(cachedTargetColumn) ?? kind.flatMap(cachedCue) ?? name.flatMap(cachedCue)
        return dictionary.classification(meaning, targetGroup: group)
    }

    private func cachedMatch(_ text: String) -> ServiceDictionary.Meaning? {
        matchCache.value(for: TextKey(text)) { dictionary.match($0.text) }
    }

    private func nearestNames(_ text: String) -> [String] {
        nearestCache.value(for: TextKey(text)) { dictionary.nearestNames($0.text) }
    }

    private func cachedCue(_ text: String) -> TargetGroup? {
        cueCache.value(for: TextKey(text)) { dictionary.cue($0.text) }
    }

    private func cachedTargetColumn(_ text: String) -> TargetGroup? {
        targetColumnCache.value(for: TextKey(text)) { dictionary.targetGroup(fromColumn: $0.text) }
    }

    private func financing(_ text: String?) -> Financing {
        guard let text else { return .unknown }
        return financingCache.value(for: TextKey(text)) { key in
            let folded = WordPattern.pad(NameKey.fold(key.text))
            return financingWords.first { _, words in words.contains { $0.matches(in: folded) } }?.0 ?? .unknown
        }
    }

    private func isoDate(_ text: String) -> String? {
        dateCache.value(for: TextKey(text)) { BulgarianDate.iso($0.text) }
    }

    // MARK: - Non-data rows

    /// True when one of the first two non-empty cells is a totals word („Общо", „Всичко: ").
    private func isTotalsRow(_ fields: [String]) -> Bool {
        var checked = 0
        for field in fields where !field.isEmpty {
            // a long cell is never a totals word: no need to hash it
            if field.utf8.count <= 80,
                totalsCaches[checked].value(for: TextKey(field), compute: { isTotalsCell($0.text) })
            {
                return true
            }
            checked += 1
            if checked == 2 { break }
        }
        return false
    }

    private func isTotalsCell(_ cell: String) -> Bool {
        let key = NameKey.fold(cell)
        return totalsKeys.contains { key == $0 || key.hasPrefix($0 + " ") }
    }

    private func isRepeatedHeader(_ fields: [String], nonEmpty: Int) -> Bool {
        var matches = 0
        for index in fields.indices where index < headerLowercased.count && !fields[index].isEmpty {
            let header = headerLowercased[index]
            let cell = fields[index]
            // Bytes, not `==`: String equality checks Unicode normalization on Cyrillic text.
            if cell.utf8.count == binding.header[index].utf8.count,
                cell.utf8.elementsEqual(binding.header[index].utf8)
            {
                matches += 1
            } else if abs(cell.utf8.count - header.utf8.count) <= 2,
                case let cellPrefix = Self.prefix(cell),
                cellPrefix == headerPrefixes[index].0 || cellPrefix == headerPrefixes[index].1,
                cell.trimmingSpaces().lowercased() == header
            {
                matches += 1
            }
        }
        return matches >= min(2, nonEmpty) && matches * 2 >= nonEmpty
    }

    // MARK: - Rejects and provenance

    private func reject(_ row: RawRow, column: String?, _ message: RejectMessage) -> NormalizedRow {
        .reject(
            Reject(
                provenance: provenance(row.position), column: column, reason: message.reason,
                message: PersonalDataMask.mask(message.text), rawText: safeRawText(row)))
    }

    /// The row's raw text with personal data removed: ЕГН masked, personal columns blanked.
    private func safeRawText(_ row: RawRow) -> String {
        guard !binding.personalColumns.isEmpty else { return PersonalDataMask.mask(row.rawText) }
        return row.fields.indices.map { index in
            binding.personalColumns.contains(index)
                ? "[лични данни]" : PersonalDataMask.mask(row.fields[index])
        }.joined(separator: delimiter)
    }

    private func provenance(_ position: SourcePosition) -> Provenance {
        Provenance(
            sourcePath: options.sourcePath, sourceSHA256: options.sourceSHA256, position: position,
            runID: options.runID)
    }
}
