import KartaModel

/// One service of one municipality, as the generator invented it.
struct GeneratedService {
    var municipalityIndex: Int
    /// 1-based number of the service within its municipality; makes every row unique.
    var number: Int
    var typeIndex: Int
    var targetGroup: TargetGroup
    var properName: Int
    var capacity: Int
    var users: Int
    var financing: Financing
    /// -1: the municipality itself; otherwise an index into the organisations.
    var provider: Int
    /// Which of the municipality's written names the row uses.
    var nameStyle: Int
    /// Whether numbers of 1,000 and more are written with a space („1 250").
    var groupsThousands: Bool
    /// The service name is written on two lines inside one quoted field.
    var multiline: Bool

    var type: ServiceType { ServiceCatalogue.types[typeIndex] }
}

/// The services of one municipality, always the same for the same seed, whatever is written.
struct ServiceStream: IteratorProtocol {
    private var random: SeededGenerator
    private let municipalityIndex: Int
    private let population: Int
    private let count: Int
    private var produced = 0

    init(plan: DatasetPlan, municipalityIndex: Int) {
        let municipality = plan.registry.municipalities[municipalityIndex]
        random = SeededGenerator(seed: plan.seed, stream: "services-" + municipality.code)
        self.municipalityIndex = municipalityIndex
        population = municipality.population
        count = plan.serviceCounts[municipalityIndex]
    }

    mutating func next() -> GeneratedService? {
        guard produced < count else { return nil }
        produced += 1
        return Self.makeService(
            random: &random, municipalityIndex: municipalityIndex, population: population, number: produced)
    }

    /// Invents one service; also used for the services on bad rows.
    static func makeService(
        random: inout SeededGenerator, municipalityIndex: Int, population: Int, number: Int
    ) -> GeneratedService {
        let typeIndex = ServiceCatalogue.pickType(&random)
        let type = ServiceCatalogue.types[typeIndex]
        var capacity = random.int(in: type.capacity)
        if type.capacityPer10k > 0 {
            capacity += type.capacityPer10k * population / 10_000 * random.int(in: 80...120) / 100
        }
        var users = capacity - random.int(in: 0...max(capacity / 4, 0))
        if random.chance(0.03) { users = capacity + random.int(in: 1...5) }
        let financing: Financing =
            random.chance(type.stateDelegated) ? .stateDelegated : (random.chance(0.6) ? .local : .project)
        let nameRoll = random.index(below: 10)
        return GeneratedService(
            municipalityIndex: municipalityIndex, number: number, typeIndex: typeIndex,
            targetGroup: type.targetGroups[random.index(below: type.targetGroups.count)],
            properName: random.index(below: ServiceCatalogue.properNames.count),
            capacity: capacity, users: users, financing: financing,
            provider: random.chance(0.75) ? -1 : random.index(below: ServiceCatalogue.organisations.count),
            nameStyle: nameRoll < 8 ? 0 : nameRoll - 7,
            groupsThousands: random.chance(0.7), multiline: random.chance(0.005))
    }
}
