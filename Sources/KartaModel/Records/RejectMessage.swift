/// The one catalogue of reject messages: every message a municipality reads about a rejected row,
/// keyed by reason code and filled with its parameters (line, column as written, the value, what
/// to change). Readers and the normalizer both build their messages here, so a rejects report
/// never mixes languages.
public enum RejectMessage: Sendable, Hashable {
    // malformed — the reader
    /// A quote character inside a field that does not start with one.
    case strayQuote(line: Int, field: Int)
    /// Text after the closing quote of a quoted field.
    case textAfterClosingQuote(line: Int, field: Int)
    /// A quoted field that is never closed; the lines from `rereadFrom` on were read again.
    case unterminatedQuote(field: Int, startLine: Int, rereadFrom: Int?)
    case tooManyFields(found: Int, expected: Int)
    case tooFewFields(found: Int, expected: Int)
    /// An XML record with the same field element twice.
    case repeatedElement(name: String)
    // malformed — the normalizer
    case notANumber(value: String, column: String)
    /// A count (places, users) with a fractional part: places are whole numbers.
    case fractionalCount(value: String, column: String)
    case notADate(value: String, column: String)
    /// A cell of a money column that is not an amount in the column's own convention.
    case notAnAmount(value: String, column: String, example: String?)
    case notAnEKATTE(value: String)
    /// A planning level other than общинско/областно (adopted Maps).
    case unknownPlanningLevel(value: String, column: String)
    /// A scope other than областен/национален.
    case unknownScope(value: String, column: String)
    // field_too_large
    case fieldTooLarge(field: Int, limit: Int)
    case recordTooLarge(limit: Int)
    // missing_field
    case noService(column: String?)
    case noMunicipality
    // unknown_municipality / ambiguous_municipality / district_mismatch
    case unknownMunicipality(written: String, nearest: [String])
    case unknownDistrict(written: String, nearest: [String])
    case ekatteNotOneMunicipality(ekatte: String, found: Int)
    case ambiguousMunicipality(written: String, candidates: [String])
    case ambiguousDistrict(written: String, candidates: [String])
    case municipalityNotInDistrict(written: String, district: String)
    case districtMismatch(municipality: String, itsDistrict: String, rowDistrict: String)
    // unknown_service
    case unknownService(written: String, name: String?, nearest: [String])
    case notASocialService(written: String, name: String?, note: String)
    // negative_capacity
    case negativeCount(value: Int, column: String)
    // duplicate
    case repeatedRow
    // outside_period
    case outsidePeriod(date: String, from: String, to: String)

    /// The reason code the message belongs to.
    public var reason: RejectReason {
        switch self {
        case .strayQuote, .textAfterClosingQuote, .unterminatedQuote, .tooManyFields, .tooFewFields,
            .repeatedElement, .notANumber, .fractionalCount, .notADate, .notAnAmount, .notAnEKATTE, .recordTooLarge:
            .malformed
        case .unknownPlanningLevel, .unknownScope: .malformed
        case .fieldTooLarge: .fieldTooLarge
        case .noService, .noMunicipality: .missingField
        case .unknownMunicipality, .unknownDistrict: .unknownMunicipality
        case .ekatteNotOneMunicipality(_, let found): found == 0 ? .unknownMunicipality : .ambiguousMunicipality
        case .ambiguousMunicipality, .ambiguousDistrict: .ambiguousMunicipality
        case .municipalityNotInDistrict, .districtMismatch: .districtMismatch
        case .unknownService, .notASocialService: .unknownService
        case .negativeCount: .negativeCapacity
        case .repeatedRow: .duplicate
        case .outsidePeriod: .outsidePeriod
        }
    }

    /// The Bulgarian sentence.
    public var text: String {
        switch self {
        case .strayQuote(let line, let field):
            "ред \(line), поле \(field): кавичка в поле, което не е оградено с кавички "
                + "(оградете цялото поле с кавички и удвоете кавичките в него)"
        case .textAfterClosingQuote(let line, let field):
            "ред \(line), поле \(field): текст след затварящата кавичка на поле в кавички"
        case .unterminatedQuote(let field, let startLine, let rereadFrom):
            "поле \(field): поле в кавички, започнало на ред \(startLine), не е затворено"
                + (rereadFrom.map { "; редовете от \($0) нататък са прочетени отново като записи" } ?? "")
        case .tooManyFields(let found, let expected):
            "\(found) полета, а заглавният ред има \(expected); проверете разделителя и кавичките"
        case .tooFewFields(let found, let expected):
            "само \(found) полета, а заглавният ред има \(expected)"
        case .repeatedElement(let name):
            "записът има повече от един елемент „\(name)\"; не е ясно кой да се вземе"
        case .notANumber(let value, let column):
            "„\(value)\" в колона „\(column)\" не е число"
        case .fractionalCount(let value, let column):
            "„\(value)\" в колона „\(column)\" има дробна част, а местата и потребителите са цели числа; "
                + "впишете цяло число"
        case .notADate(let value, let column):
            "„\(value)\" в колона „\(column)\" не е дата (ДД.ММ.ГГГГ)"
        case .notAnAmount(let value, let column, let example):
            "„\(value)\" в колона „\(column)\" не е сума в лева"
                + (example.map { " (другите суми в колоната са записани като „\($0)\")" } ?? "")
        case .notAnEKATTE(let value):
            "ЕКАТТЕ „\(value)\" не е петцифрен код"
        case .unknownPlanningLevel(let value, let column):
            "нивото „\(value)\" в колона „\(column)\" не е „общинско\" или „областно\""
        case .unknownScope(let value, let column):
            "обхватът „\(value)\" в колона „\(column)\" не е „областен\" или „национален\""
        case .fieldTooLarge(let field, let limit):
            "поле \(field) е по-дълго от допустимите \(limit) байта"
        case .recordTooLarge(let limit):
            "редът е по-дълъг от \(limit) байта или има твърде много полета"
        case .noService(let column):
            "липсва наименование или вид на услугата" + (column.map { " (колона „\($0)\")" } ?? "")
        case .noMunicipality:
            "липсва община"
        case .unknownMunicipality(let written, let nearest):
            "община „\(written)\" не е позната" + Self.maybe(nearest)
        case .unknownDistrict(let written, let nearest):
            "областта „\(written)\" не е позната" + Self.maybe(nearest)
        case .ekatteNotOneMunicipality(let ekatte, _):
            "по ЕКАТТЕ \(ekatte) не се определя една община; посочете общината"
        case .ambiguousMunicipality(let written, let candidates):
            "община „\(written)\" е двусмислена: \(candidates.joined(separator: ", ")); посочете областта"
        case .ambiguousDistrict(let written, let candidates):
            "областта „\(written)\" е двусмислена: \(candidates.joined(separator: ", "))"
        case .municipalityNotInDistrict(let written, let district):
            "община „\(written)\" не е в област \(district)"
        case .districtMismatch(let municipality, let itsDistrict, let rowDistrict):
            "община \(municipality) е в област \(itsDistrict), а редът посочва област \(rowDistrict)"
        case .unknownService(let written, let name, let nearest):
            "услугата „\(written)\" не е в речника на услугите" + Self.named(name, written)
                + Self.maybe(nearest)
        case .notASocialService(let written, let name, let note):
            "„\(written)\": \(note)" + Self.named(name, written)
        case .negativeCount(let value, let column):
            "отрицателна стойност \(value) в колона „\(column)\""
        case .repeatedRow:
            "точно повторение на по-ранен ред от същия файл"
        case .outsidePeriod(let date, let from, let to):
            "датата \(date) е извън отчетния период \(from) – \(to)"
        }
    }

    private static func maybe(_ names: [String]) -> String {
        names.isEmpty ? "" : "; може би: " + names.joined(separator: ", ")
    }

    private static func named(_ name: String?, _ written: String) -> String {
        guard let name, name != written else { return "" }
        return " (наименование „\(name)\")"
    }
}

extension RejectReason {
    /// The reason in Bulgarian, for the people who read rejects reports.
    public var labelBG: String {
        switch self {
        case .malformed: "неправилен ред"
        case .fieldTooLarge: "твърде дълго поле"
        case .missingField: "липсващо поле"
        case .unknownMunicipality: "неизвестна община"
        case .ambiguousMunicipality: "нееднозначна община"
        case .districtMismatch: "несъответствие на областта"
        case .unknownService: "неизвестна услуга"
        case .negativeCapacity: "отрицателен капацитет"
        case .duplicate: "повторен ред"
        case .personalData: "лични данни"
        case .outsidePeriod: "извън отчетния период"
        }
    }
}

extension RawRowProblem {
    /// A reader problem with its message from the catalogue.
    public init(position: SourcePosition, column: String?, _ message: RejectMessage, rawText: String) {
        self.init(
            position: position, column: column, reason: message.reason, message: message.text, rawText: rawText)
    }
}
