import KartaModel

func resolveForBench(_ name: String) -> Bool {
    ReferenceRegistry.bulgaria.resolveMunicipality(name, districtHint: "Русе").unit != nil
}
