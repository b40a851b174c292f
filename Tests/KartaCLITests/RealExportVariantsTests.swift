import Foundation
import Testing

/// Exports worded the way municipalities really write them (`fixtures/variants/`): every header,
/// count and name variant loads, and every real problem is one Bulgarian message.
@Suite("Real export variants: headers, counts, names", .serialized)
struct RealExportVariantsTests {
    static func variant(_ name: String) -> String { "fixtures/variants/\(name)" }

    /// Ingests one variant into a fresh store; returns its `files[0]` entry, the rejects as JSON
    /// and the store path (the caller removes the folder).
    func ingest(_ name: String, kind: String = "municipal-register") throws -> (
        file: [String: Any], rejects: [[String: Any]], result: CLIProcess.Result, scratch: ScratchFolder
    ) {
        let scratch = try ScratchFolder()
        let result = try CLIProcess.run([
            "ingest", Self.variant(name), "--kind", kind, "--store", scratch.store, "--json",
        ])
        let file = try #require(try jsonFiles(result).first)
        let rejected = try CLIProcess.run(["rejects", "--format", "json", "--store", scratch.store])
        let rejects = ((try? JSONSerialization.jsonObject(with: rejected.stdoutData)) as? [String: Any])?["rejects"] as? [[String: Any]] ?? []
        return (file, rejects, result, scratch)
    }

    func counts(_ file: [String: Any]) -> [Int] {
        ["rows_read", "loaded", "rejected", "non_data"].map { file[$0] as? Int ?? -1 }
    }

    func sum(_ store: String, _ sql: String) throws -> String {
        try CLIProcess.sqlite(store, sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("\"Capacity (places)\" and the other English headers with units bind: every row loads")
    func englishHeadersWithUnits() throws {
        let run = try ingest("english-capacity-places-units.csv")
        defer { run.scratch.remove() }
        #expect(run.result.status == 0, "\(run.result.stderr)")
        #expect(counts(run.file) == [6, 6, 0, 0])
        let bindings = try #require(run.file["bindings"] as? [String: String])
        #expect(bindings["capacity"] == "Capacity (places)")
        #expect(bindings["users"] == "Users (persons)")
        #expect(bindings["municipality"] == "Municipality name")
        #expect(bindings["reporting_date"] == "Reporting date")
        // „1,200" places is 1200, not 1
        #expect(try sum(run.scratch.store, "SELECT SUM(capacity), SUM(users) FROM records") == "1321|1253")
    }

    @Test("qualifiers, trailing words, articles and Latin look-alike letters bind (windows-1251, title, totals)")
    func bulgarianHeaderVariants() throws {
        let run = try ingest("headers-qualifiers-trailing-words-cp1251.csv")
        defer { run.scratch.remove() }
        #expect(counts(run.file) == [5, 4, 0, 1])
        let bindings = try #require(run.file["bindings"] as? [String: String])
        #expect(bindings["capacity"] == "Kапацитет (брой места)")  // Latin K
        #expect(bindings["users"] == "Брой потребители на уcлугата")  // Latin c
        #expect(bindings["municipality"] == "Наименование на общината")
        #expect(bindings["service_kind"] == "Вид на социалната услуга")
        #expect(bindings["target_group"] == "Целева група на услугата")
        #expect(bindings["financing"] == "Източник на финансиране на услугата")
        #expect(bindings["service_name"] == "Наименование на услугата")
        #expect(bindings["provider"] == nil && bindings["reporting_date"] == nil)
        #expect(try sum(run.scratch.store, "SELECT SUM(capacity), SUM(users) FROM records") == "1354|1077")
        let other = try ingest("capacity-of-the-service-trailing-words.csv")
        defer { other.scratch.remove() }
        #expect(counts(other.file) == [3, 3, 0, 0])
        #expect((other.file["bindings"] as? [String: String])?["capacity"] == "Капацитет на услугата")
        #expect(try sum(other.scratch.store, "SELECT SUM(capacity) FROM records") == "63")
    }

    @Test("karta inspect --json and the text view show the bindings as written")
    func inspectBindings() throws {
        let result = try CLIProcess.run(["inspect", Self.variant("headers-qualifiers-trailing-words-cp1251.csv"), "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let bindings = try #require(object["bindings"] as? [String: String])
        #expect(bindings["capacity"] == "Kапацитет (брой места)")
        #expect(bindings.count == 7)
        let text = try CLIProcess.run(["inspect", Self.variant("english-capacity-places-units.csv")])
        #expect(text.stdout.contains("capacity               ← \"Capacity (places)\""))
        #expect(text.stdout.contains("provider               — (no column)"))
    }

    @Test("a register without a capacity column is refused whole: exit 4, nothing loaded, no per-row rejects")
    func unboundRequiredColumn() throws {
        let run = try ingest("unbound-capacity-column-cp1251.csv")
        defer { run.scratch.remove() }
        #expect(run.result.status == 4)
        #expect(run.file["status"] as? String == "refused")
        #expect(counts(run.file) == [0, 0, 0, 0])
        #expect(run.rejects.isEmpty)
        #expect(try sum(run.scratch.store, "SELECT COUNT(*) FROM records") == "0")
        let error = try #require(run.file["error"] as? String)
        #expect(error.contains("няма колона за „капацитет (брой места)\" (capacity)"))
        // the headers found, the nearest candidate, and the mapping lines that would fix it
        #expect(error.contains("„Община\", „Вид на услугата\", „Наименование на услугата\", „Брой легла\""))
        #expect(error.contains("Най-близки за capacity: „Брой легла\""))
        #expect(error.contains("fields:\n    capacity:\n      - \"Брой легла\""))
        // validate shows the same without loading anything
        let validate = try CLIProcess.run([
            "validate", Self.variant("unbound-capacity-column-cp1251.csv"), "--kind", "municipal-register",
        ])
        #expect(validate.status == 4)
        #expect(validate.stdout.contains("capacity               — (no column)"))
        #expect(validate.stdout.contains("users                  ← \"Брой потребители\""))
        #expect(validate.stdout.contains("unbound required fields: capacity"))
        #expect(validate.stderr.contains("- \"Брой легла\""))
    }

    @Test("the same file with a mapping line for its column loads every row")
    func mappingLineFixesIt() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let standard = try String(
            contentsOf: CLIProcess.packageRoot.appendingPathComponent("mappings/default.yml"), encoding: .utf8)
        let mapping = scratch.url.appendingPathComponent("galabovo.yml")
        try standard.replacingOccurrences(of: "  capacity:\n", with: "  capacity:\n    - \"Брой легла\"\n")
            .write(to: mapping, atomically: true, encoding: .utf8)
        let result = try CLIProcess.run([
            "ingest", Self.variant("unbound-capacity-column-cp1251.csv"), "--kind", "municipal-register",
            "--store", scratch.store, "--mapping", mapping.path, "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let file = try #require(try jsonFiles(result).first)
        #expect(counts(file) == [3, 3, 0, 0])
        #expect((file["bindings"] as? [String: String])?["capacity"] == "Брой легла")
    }

    @Test("blank, „н/д\", „-\", „—\" and „няма\" counts load with a warning; sums leave them out")
    func unknownCounts() throws {
        let run = try ingest("unknown-counts-blank-nd-dash.csv")
        defer { run.scratch.remove() }
        #expect(counts(run.file) == [7, 7, 0, 0])
        #expect(
            try sum(
                run.scratch.store,
                "SELECT COUNT(*), SUM(capacity IS NULL), SUM(capacity), SUM(users IS NULL), SUM(users) FROM records")
                == "7|5|28|3|101")
        #expect(
            try sum(run.scratch.store, "SELECT COUNT(*) FROM records WHERE warnings LIKE '%capacity_missing%'") == "5")
        #expect(try sum(run.scratch.store, "SELECT COUNT(*) FROM records WHERE warnings LIKE '%users_missing%'") == "3")
        let aggregate = try CLIProcess.run([
            "aggregate", "--level", "municipality", "--format", "json", "--store", run.scratch.store,
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: aggregate.stdoutData) as? [String: Any])
        let areas = try #require(object["areas"] as? [[String: Any]])
        let radnevo = try #require(areas.first { $0["code"] as? String == "SZR27" })
        let maglizh = try #require(areas.first { $0["code"] as? String == "SZR22" })
        #expect(radnevo["records"] as? Int == 3 && radnevo["capacity"] as? Int == 20)
        #expect(radnevo["unknown_capacity_services"] as? Int == 2)
        #expect(maglizh["unknown_capacity_services"] as? Int == 2)  // ДСХ is hosted (district level)
        let district = try CLIProcess.run([
            "aggregate", "--level", "district", "--format", "json", "--store", run.scratch.store,
        ])
        let szr = try #require(
            ((try JSONSerialization.jsonObject(with: district.stdoutData) as? [String: Any])?["areas"]
                as? [[String: Any]])?.first { $0["code"] as? String == "SZR" })
        #expect(szr["records"] as? Int == 7 && szr["capacity"] as? Int == 28)
        #expect(szr["unknown_capacity_services"] as? Int == 5)
    }

    @Test("thousands separators are thousands; a fractional count is malformed with a Bulgarian message")
    func thousandsAndFractions() throws {
        let run = try ingest("thousands-and-fractions.csv")
        defer { run.scratch.remove() }
        #expect(counts(run.file) == [7, 5, 2, 0])
        #expect(run.file["rejects_by_reason"] as? [String: Int] == ["malformed": 2])
        #expect(
            try sum(run.scratch.store, "SELECT group_concat(capacity, ' ') FROM (SELECT capacity FROM records ORDER BY line)")
                == "1200 1200 1250 1250 14")
        #expect(try sum(run.scratch.store, "SELECT SUM(users) FROM records") == "4562")
        let messages = run.rejects.compactMap { $0["message"] as? String }
        #expect(
            messages.contains(
                "„12,5\" в колона „Капацитет\" има дробна част, а местата и потребителите са цели числа; впишете цяло число"
            ))
        #expect(messages.contains { $0.hasPrefix("„9,5\" в колона „Брой потребители\"") })
        #expect(run.rejects.compactMap { $0["line"] as? Int } == [6, 7])
    }

    @Test("Sofia's names resolve to SOF46, „Добричка\" to DOB15; prefixes are accepted")
    func municipalityAliases() throws {
        let run = try ingest("sofia-dobrichka-aliases-cp1251.csv")
        defer { run.scratch.remove() }
        #expect(counts(run.file) == [9, 7, 1, 1])
        #expect(
            try sum(
                run.scratch.store,
                "SELECT group_concat(municipality_code, ' ') FROM (SELECT municipality_code FROM records ORDER BY line)")
                == "SOF46 SOF46 SOF46 SOF46 DOB15 DOB15 DOB12")
        let reject = try #require(run.rejects.first)
        #expect(reject["reason"] as? String == "unknown_municipality")
        #expect(reject["message"] as? String == "община „Софийска\" не е позната")
        #expect(reject["line"] as? Int == 10)
    }

    @Test("karta reference --resolve: aliases and prefixes resolve; nothing found exits 1 with the nearest names")
    func referenceResolve() throws {
        for name in ["София", "гр. София", "София-град", "Столична община", "Община гр. София"] {
            let result = try CLIProcess.run(["reference", "--resolve", name])
            #expect(result.status == 0 && result.stdout.hasPrefix("SOF46"), "\(name): \(result.stdout)")
        }
        let dobrichka = try CLIProcess.run(["reference", "--resolve", "Община Добричка"])
        #expect(dobrichka.status == 0 && dobrichka.stdout.hasPrefix("DOB15"))
        let missing = try CLIProcess.run(["reference", "--resolve", "Стра Загора"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nearest: Стара Загора (SZR31)"))
        #expect(!missing.stderr.contains("USAGE"))
        let aliases = try CLIProcess.run(["reference", "--aliases", "--json"])
        let list = try #require((try JSONSerialization.jsonObject(with: aliases.stdoutData) as? [String: Any])?["aliases"] as? [[String: Any]])
        let dobrich = try #require(list.first { $0["alias"] as? String == "Добричка" })
        #expect(dobrich["code"] as? String == "DOB15")
        #expect((dobrich["source"] as? String)?.contains("dobrichka.bg") == true)
        #expect(list.allSatisfy { !(($0["source"] as? String) ?? "").isEmpty })
    }

    @Test("English kind names and pre-2020 type names classify; unknown services name the nearest known ones")
    func serviceNames() throws {
        let run = try ingest("english-kind-names-and-pre-2020-types.csv")
        defer { run.scratch.remove() }
        #expect(counts(run.file) == [15, 12, 3, 0])
        #expect(
            try sum(
                run.scratch.store,
                "SELECT group_concat(primary_kind, ' ') FROM (SELECT primary_kind FROM records ORDER BY line)")
                == "day_care residential_care information_consultation advocacy_mediation community_work "
                + "therapy_rehabilitation training_skills work_skills_support shelter assistant_support "
                + "residential_care shelter")
        let messages = run.rejects.compactMap { $0["message"] as? String }
        #expect(messages.count == 3)
        #expect(
            messages.contains {
                $0.hasPrefix("услугата „Дневен центьр за стари хора с деменция\" не е в речника на услугите")
                    && $0.contains("; може би: Дневен център за стари хора (дневна грижа)")
            })
        #expect(messages.contains { $0.contains("домовете за деца са закрити институции") })
    }

    @Test("the rejects CSV is Bulgarian from the header row to every message, reader errors included")
    func rejectsAllBulgarian() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let broken = scratch.url.appendingPathComponent("broken.csv")
        try Data(
            "Община;Вид на услугата;Капацитет\nЧирпан;ЦОП;2\"0\nЧирпан;ЦСРИ;30;x\nЧирпан;ДЦ;\"12,5\"\n".utf8
        ).write(to: broken)
        _ = try CLIProcess.run([
            "ingest", broken.path, Self.variant("thousands-and-fractions.csv"), "--kind", "municipal-register",
            "--store", scratch.store,
        ])
        let csv = try CLIProcess.run(["rejects", "--store", scratch.store])
        let lines = csv.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "\u{FEFF}Файл;Ред;Байт;Колона;Причина (код);Причина;Съобщение;Текст на реда")
        #expect(csv.stdout.contains("кавичка в поле, което не е оградено с кавички"))
        #expect(csv.stdout.contains("4 полета, а заглавният ред има 3"))
        #expect(csv.stdout.contains(";неправилен ред;"))
        // no English sentence from a reader or the normalizer
        for english in ["quote", "field", "header", "not a number", "exceed", "line "] {
            #expect(!csv.stdout.lowercased().contains(english), "\(english)")
        }
    }

    @Test("run.json gives the bindings per input; every cell and area counts services with unknown capacity")
    func runManifestAndOutputs() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let result = try workspace.run(["--quiet"])
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        let inputs = try #require(try workspace.manifest()["inputs"] as? [[String: Any]])
        let rse = try #require(inputs.first { ($0["path"] as? String)?.hasSuffix("rse-var-utf8-bom-personal-data.csv") == true })
        let bindings = try #require(rse["bindings"] as? [String: String])
        #expect(bindings["capacity"] == "Брой места" && bindings["users"] == "Брой потребители")
        #expect(inputs.allSatisfy { ($0["bindings"] as? [String: String])?["municipality"] != nil || $0["status"] as? String == "refused" })
        // rse: „н/д" (Русе, community work) and blank (Девня, assistant support) capacity
        let draft = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: workspace.out.appendingPathComponent("map-draft.json")))
                as? [String: Any])
        let areas = try #require(draft["areas"] as? [[String: Any]])
        #expect(areas.allSatisfy { $0["unknown_capacity_services"] is Int })
        #expect(areas.first { $0["code"] as? String == "BG" }?["unknown_capacity_services"] as? Int == 2)
        #expect(areas.first { $0["code"] as? String == "RSE27" }?["unknown_capacity_services"] as? Int == 1)
        let cells = try #require(draft["cells"] as? [[String: Any]])
        #expect(cells.allSatisfy { $0["unknown_capacity_services"] is Int })
        let areasCSV = try String(contentsOf: workspace.out.appendingPathComponent("areas.csv"), encoding: .utf8)
        #expect(areasCSV.split(separator: "\r\n").first?.contains(";Услуги с неизвестен капацитет;") == true)
        let xml = try String(contentsOf: workspace.out.appendingPathComponent("map-draft.xml"), encoding: .utf8)
        #expect(xml.contains("unknownCapacityServices=\"2\""))
        let report = try String(contentsOf: workspace.out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Услуги с неизвестен капацитет"))
    }
}
