import KartaAggregate
import KartaModel

/// Bulgarian words for the codes a draft uses, for the Excel files and the HTML report.
public enum DraftLabels {
    public static func level(_ level: AreaLevel) -> String {
        switch level {
        case .municipality: "община"
        case .district: "област"
        case .national: "страна"
        }
    }

    /// Whom a district-level service serves: „областен" (its district) or „национален".
    public static func scope(_ scope: ServiceScope) -> String {
        switch scope {
        case .district: "областен"
        case .national: "национален"
        }
    }

    public static func status(_ status: CriterionStatus) -> String {
        switch status {
        case .meets: "в рамките на критерия"
        case .above: "над критерия"
        case .below: "под критерия"
        case .missingFromMinimumPackage: "липсва от минималния пакет"
        case .noCriterion: "няма критерий"
        }
    }

    public static func flag(_ flag: MapCellFlag) -> String {
        switch flag {
        case .proposalExceedsCriterion: "предложението надхвърля критерия"
        case .serviceDisappears: "съществуваща услуга отпада"
        case .newService: "нова услуга"
        case .targetGroupMatched: "целевата група е определена по услугата от същия вид"
        case .ambiguousTargetGroup: "неясна целева група: няколко възможни"
        }
    }

    public static func reconciliation(_ status: ReconciliationStatus) -> String {
        switch status {
        case .match: "съвпада"
        case .capacityDifference: "разлика в капацитета"
        case .onlyMunicipal: "само в общинския регистър"
        case .onlyAgency: "само в данните на АСП"
        }
    }

    public static func financing(_ financing: Financing) -> String {
        switch financing {
        case .stateDelegated: "държавно делегирана дейност"
        case .local: "местна дейност"
        case .project: "проект"
        case .unknown: "неизвестно"
        }
    }

    /// The Bulgarian name of a change against the adopted Map.
    public static func comparison(_ status: MapComparisonStatus) -> String {
        switch status {
        case .new: "нова"
        case .removed: "отпада"
        case .increased: "увеличение"
        case .decreased: "намаление"
        case .unchanged: "без промяна"
        }
    }

    /// The Bulgarian name of a source kind (`municipal-register` → „общински регистър").
    public static func sourceKind(_ code: String) -> String {
        switch code {
        case "municipal-register": "общински регистър"
        case "asp-export": "данни на АСП"
        case "proposal": "предложение на общината"
        case "adopted-map": "приета карта"
        default: code
        }
    }

    /// The Bulgarian name of a source policy.
    public static func sourcePolicy(_ policy: SourcePolicy) -> String {
        switch policy {
        case .registers: "само общинските регистри"
        case .registersThenAgency: "общинските регистри, а за община без регистър — данните на АСП"
        case .agency: "само данните на АСП"
        }
    }

    /// The Bulgarian name of a file format.
    public static func format(_ code: String) -> String {
        switch code {
        case "csv": "CSV"
        case "xml": "XML"
        default: code.uppercased()
        }
    }

    /// The Bulgarian label of a reject reason code (from the one catalogue, ``RejectReason/labelBG``).
    public static func reason(_ code: String) -> String {
        RejectReason(rawValue: code)?.labelBG ?? code
    }
}
