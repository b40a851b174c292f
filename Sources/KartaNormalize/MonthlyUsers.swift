import KartaModel

/// How a mapping names users-per-month columns: a users word followed by a month
/// („Потребители януари", „Потребители 01.2025", "Users Jan 2025"). Data, from `monthly_users`
/// in the mapping file.
public struct MonthlyUsersNaming: Sendable {
    /// The users words, folded (``NameKey/fold(_:)``), longest first.
    let words: [[Substring]]
    /// Per folded month name or abbreviation, its number (1–12).
    let months: [String: Int]

    public init(words: [String], months: [[String]]) {
        self.words = words.map { NameKey.fold($0).split(separator: " ") }.filter { !$0.isEmpty }
            .sorted { $0.count > $1.count }
        var byName: [String: Int] = [:]
        for (index, names) in months.enumerated() {
            for name in names { byName[NameKey.fold(name)] = index + 1 }
        }
        self.months = byName
    }

    /// Filler words allowed between the users word and the month („г." of a year, „за", „през").
    private static let filler: Set<Substring> = ["g", "za", "prez", "mesets", "in", "for", "month"]

    /// The month a header names, or nil when it is not a users-per-month header.
    public func month(ofHeader header: String) -> MonthlyColumn.Month? {
        let tokens = NameKey.fold(header).split(separator: " ")
        guard let prefix = words.first(where: { tokens.starts(with: $0) }) else { return nil }
        let rest = tokens.dropFirst(prefix.count).filter { !Self.filler.contains($0) }
        guard !rest.isEmpty, rest.count <= 2 else { return nil }
        let first = rest[rest.startIndex]
        let second = rest.count == 2 ? rest[rest.startIndex + 1] : nil
        if let month = months[String(first)] {
            // „януари" or „януари 2025"
            guard let second else { return MonthlyColumn.Month(month: month, year: nil) }
            guard let year = Self.year(second) else { return nil }
            return MonthlyColumn.Month(month: month, year: year)
        }
        guard let second else { return nil }
        // „01.2025" (folded „01 2025") or „2025-01"
        if let month = Self.monthNumber(first), let year = Self.year(second) {
            return MonthlyColumn.Month(month: month, year: year)
        }
        if let year = Self.year(first), let month = Self.monthNumber(second) {
            return MonthlyColumn.Month(month: month, year: year)
        }
        return nil
    }

    private static func year(_ token: Substring) -> Int? {
        guard token.count == 4, let year = Int(token), year >= 1990, year <= 2100 else { return nil }
        return year
    }

    private static func monthNumber(_ token: Substring) -> Int? {
        guard token.count <= 2, let month = Int(token), (1...12).contains(month) else { return nil }
        return month
    }
}

/// A column of users in one month.
public struct MonthlyColumn: Sendable, Hashable {
    /// A calendar month, with its year when the header gives one.
    public struct Month: Sendable, Hashable, Comparable {
        public var month: Int
        public var year: Int?

        /// Months since year 0 (a header without a year counts as year 0: one register year).
        var ordinal: Int { (year ?? 0) * 12 + month - 1 }

        public static func < (lhs: Month, rhs: Month) -> Bool { lhs.ordinal < rhs.ordinal }

        /// „януари 2025", „януари" without a year.
        public var nameBG: String {
            let name = Self.namesBG[month - 1]
            return year.map { "\(name) \($0)" } ?? name
        }

        static let namesBG = [
            "януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември",
            "октомври", "ноември", "декември",
        ]
    }

    public var index: Int
    public var month: Month
}

/// The users-per-month columns of a file, in calendar order, and the rule of ЗСУ Art. 58(1)
/// т. 2: three or more consecutive months without users.
struct MonthlyUsers: Sendable {
    let columns: [MonthlyColumn]

    init(columns: [MonthlyColumn]) {
        self.columns = columns.sorted { ($0.month, $0.index) < ($1.month, $1.index) }
    }

    /// The months of the first run of at least three consecutive months with 0 users, whole
    /// (the run goes on while months stay at 0); nil when there is none. A month whose count is
    /// unknown (nil) breaks a run: karta does not guess it was 0.
    static func monthsWithoutUsers(_ counts: [(MonthlyColumn.Month, Int?)]) -> [MonthlyColumn.Month]? {
        var run: [MonthlyColumn.Month] = []
        var best: [MonthlyColumn.Month]?
        for (month, users) in counts {
            if users == 0, let last = run.last, month.ordinal == last.ordinal + 1 {
                run.append(month)
            } else if users == 0, run.last?.ordinal != month.ordinal {
                if run.count >= 3, best == nil { best = run }
                run = [month]
            } else if users != 0 {
                if run.count >= 3, best == nil { best = run }
                run = []
            }
        }
        if run.count >= 3, best == nil { best = run }
        return best
    }
}
