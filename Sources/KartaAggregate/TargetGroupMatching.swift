import KartaModel

/// Lets rows without a target group meet the services of their kind: the matching rule of
/// `docs/aggregation.md`.
///
/// Within one area × kind × planning level, a proposal whose target group is blank or unknown
/// (``TargetGroup/unspecified``) belongs to the one target group that has counted services
/// there and no proposal of its own; a counted service without a target group belongs to the
/// one target group that has proposals there and no services of its own. Matched groups are
/// moved to that target group's cell, which is flagged ``MapCellFlag/targetGroupMatched``.
/// With several candidates nothing moves: the blank row's cell and the candidates' cells are
/// flagged ``MapCellFlag/ambiguousTargetGroup`` and their maximum users are the proposals alone,
/// so the area counts the proposal once and no service twice. A cell whose key matches exactly
/// (same target group, or both blank) needs no matching.
struct TargetGroupMatching {
    /// The groups with matched target groups replaced.
    var groups: [GroupTotals] = []
    /// Cells that received matched rows.
    var matched: Set<CellKey> = []
    /// Cells of an ambiguous match (the blank row's and the candidates').
    var ambiguous: Set<CellKey> = []

    private struct Bucket: Hashable {
        var districtLevel: Bool
        var areaCode: String
        var kind: ServiceKind
    }

    private struct Sides {
        var serviceGroups: [String: TargetGroup] = [:]
        var proposalGroups: [String: TargetGroup] = [:]
        var blankService = false
        var blankProposal = false
    }

    /// What changes for one bucket.
    private enum Outcome {
        case matchProposals(to: TargetGroup)
        case matchServices(to: TargetGroup)
        case ambiguous(candidates: [TargetGroup])
    }

    init(groups: [GroupTotals], counts: (GroupTotals) -> Bool) {
        func bucket(_ group: GroupTotals) -> Bucket {
            let districtLevel = group.planningLevel == .district
            return Bucket(
                districtLevel: districtLevel,
                areaCode: districtLevel ? group.districtCode : group.municipalityCode, kind: group.kind)
        }
        var sides: [Bucket: Sides] = [:]
        for group in groups {
            let isProposal = group.sourceKind == .proposal
            guard isProposal || (counts(group) && group.records > 0) else { continue }
            let blank = group.targetGroup.code == TargetGroup.unspecified.code
            let key = bucket(group)
            switch (isProposal, blank) {
            case (true, true): sides[key, default: Sides()].blankProposal = true
            case (true, false):
                sides[key, default: Sides()].proposalGroups[group.targetGroup.code] = group.targetGroup
            case (false, true): sides[key, default: Sides()].blankService = true
            case (false, false):
                sides[key, default: Sides()].serviceGroups[group.targetGroup.code] = group.targetGroup
            }
        }
        var outcomes: [Bucket: Outcome] = [:]
        for (key, side) in sides where side.blankProposal != side.blankService {
            let candidates =
                side.blankProposal
                ? side.serviceGroups.filter { side.proposalGroups[$0.key] == nil }.values.sorted()
                : side.proposalGroups.filter { side.serviceGroups[$0.key] == nil }.values.sorted()
            switch candidates.count {
            case 0: continue
            case 1:
                outcomes[key] =
                    side.blankProposal
                    ? .matchProposals(to: candidates[0]) : .matchServices(to: candidates[0])
            default: outcomes[key] = .ambiguous(candidates: candidates)
            }
        }
        for (key, outcome) in outcomes {
            switch outcome {
            case .matchProposals(let group), .matchServices(let group):
                matched.insert(CellKey(areaCode: key.areaCode, kind: key.kind, targetGroup: group))
            case .ambiguous(let candidates):
                ambiguous.insert(CellKey(areaCode: key.areaCode, kind: key.kind, targetGroup: .unspecified))
                for group in candidates {
                    ambiguous.insert(CellKey(areaCode: key.areaCode, kind: key.kind, targetGroup: group))
                }
            }
        }
        self.groups = groups.map { group in
            guard group.targetGroup.code == TargetGroup.unspecified.code,
                let outcome = outcomes[bucket(group)]
            else { return group }
            var moved = group
            switch outcome {
            case .matchProposals(let target) where group.sourceKind == .proposal: moved.targetGroup = target
            case .matchServices(let target) where group.sourceKind != .proposal: moved.targetGroup = target
            default: break
            }
            return moved
        }
    }
}
