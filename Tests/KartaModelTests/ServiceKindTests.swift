import Testing

@testable import KartaModel

@Suite("Service kinds and target groups")
struct ServiceKindTests {
    @Test("the ten kinds of ЗСУ Art. 15 plus integrated health-social services, in the Act's order")
    func kinds() {
        #expect(ServiceKind.allCases.count == 11)
        #expect(ServiceKind.allCases.first == .informationAndConsultation)
        #expect(ServiceKind.allCases.sorted().last == .integratedHealthSocial)
        #expect(Set(ServiceKind.allCases.map(\.key)).count == 11)
    }

    @Test("kinds are found by Bulgarian name in any case, or by key")
    func kindByName() {
        #expect(ServiceKind(named: "Резидентна  грижа") == .residentialCare)
        #expect(ServiceKind(named: "day_care") == .dayCare)
        #expect(ServiceKind(named: "Лична помощ") == nil)
    }

    @Test("target groups are found by code or name")
    func groups() {
        #expect(TargetGroup.named("Деца и младежи с увреждания") == .childrenWithDisabilities)
        #expect(TargetGroup.named("elderly") == .elderly)
        #expect(TargetGroup.named("марсианци") == nil)
    }
}
