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

    /// The Bulgarian label of a reject reason code (from the one catalogue, ``RejectReason/labelBG``).
    public static func reason(_ code: String) -> String {
        RejectReason(rawValue: code)?.labelBG ?? code
    }
}
