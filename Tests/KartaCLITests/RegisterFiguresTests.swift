import Foundation
import Testing

/// What registers carry besides places and users (`fixtures/financing/`): money columns read in
/// the file's own decimal convention (issue #15), state and municipal parts and mixed financing,
/// waiting lists and months without users (issue #18) — from the file to every output.
@Suite("Registers: money, waiting lists, monthly users", .serialized)
struct RegisterFiguresTests {
    static func fixture(_ name: String) -> String { "fixtures/financing/\(name)" }

    /// Ingests fixtures into a fresh store; returns the `files[]` entries and the scratch folder.
    func ingest(_ names: [String]) throws -> (files: [[String: Any]], scratch: ScratchFolder) {
        let scratch = try ScratchFolder()
        let result = try CLIProcess.run(
            ["ingest"] + names.map(Self.fixture) + ["--kind", "municipal-register", "--store", scratch.store, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return (try jsonFiles(result), scratch)
    }

    func counts(_ file: [String: Any]) -> [Int] {
        ["rows_read", "loaded", "rejected", "non_data"].map { file[$0] as? Int ?? -1 }
    }

    func sql(_ store: String, _ query: String) throws -> String {
        try CLIProcess.sqlite(store, query).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `karta aggregate --level L --format json`: the areas keyed by code.
    func aggregate(_ store: String, level: String) throws -> [String: [String: Any]] {
        let result = try CLIProcess.run(["aggregate", "--level", level, "--format", "json", "--store", store])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let areas = try #require(object["areas"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: areas.map { ($0["code"] as? String ?? "", $0) })
    }

    @Test("„1 234,50\" amounts of a cp1251 register load in stotinki; a cell that is no amount is malformed; sums everywhere")
    func bulgarianDecimalComma() throws {
        let run = try ingest(["stz-register-funding-cp1251-semicolon-title-totals.csv"])
        defer { run.scratch.remove() }
        let file = try #require(run.files.first)
        // title line skipped; the totals row is non-data, never summed
        #expect(counts(file) == [6, 3, 2, 1])
        #expect(file["rejects_by_reason"] as? [String: Int] == ["malformed": 1, "unknown_service": 1])
        let bindings = try #require(file["bindings"] as? [String: String])
        #expect(bindings["state_funding_bgn"] == "Държавно финансиране (лв.)")
        #expect(bindings["municipal_funding_bgn"] == "Дофинансиране от общината")
        #expect(bindings["waiting_list"] == "Брой чакащи")
        #expect(bindings["financing"] == "Финансиране")
        // „1 234,50" + „98 765,40" (no-break space) + „1.200" (thousands: the column shows a decimal comma)
        #expect(
            try sql(
                run.scratch.store,
                "SELECT SUM(state_funding_stotinki), SUM(municipal_funding_stotinki), SUM(waiting_list) FROM records")
                == "10119990|145050|15")
        #expect(
            try sql(run.scratch.store, "SELECT municipal_funding_stotinki FROM records WHERE service_name = 'ЦОП Казанлък'")
                == "120050")
        let rejects = try CLIProcess.run(["rejects", "--format", "json", "--store", run.scratch.store])
        #expect(rejects.stdout.contains("„1 2ОО,00\\\" в колона „Държавно финансиране (лв.)\\\" не е сума в лева"))

        let district = try #require(try aggregate(run.scratch.store, level: "district")["SZR"])
        let registers = try #require(district["registers"] as? [String: Any])
        #expect(registers["state_funding_bgn"] as? Double == 101_199.9)
        #expect(registers["municipal_funding_bgn"] as? Double == 1450.5)
        #expect(registers["mixed_financing_services"] as? Int == 2)
        #expect(registers["waiting_list"] as? Int == 15)
        let municipalities = try aggregate(run.scratch.store, level: "municipality")
        #expect((municipalities["SZR27"]?["registers"] as? [String: Any])?["state_funding_bgn"] as? Double == 1234.5)

        let out = run.scratch.url.appendingPathComponent("out")
        let export = try CLIProcess.run(["export", "--store", run.scratch.store, "--out", out.path])
        #expect(export.status == 0, "\(export.stderr)")
        let records = try CLIProcess.run(
            ["export", "--what", "records", "--store", run.scratch.store, "--out", out.path])
        #expect(records.status == 0, "\(records.stderr)")
        let recordsCSV = try String(contentsOf: out.appendingPathComponent("records.csv"), encoding: .utf8)
        #expect(recordsCSV.contains("Държавно финансиране (лв.);Общинско финансиране (лв.);Чакащи;Месеци без потребители"))
        #expect(recordsCSV.contains(";1234,50;250,00;3;\r\n"))
        #expect(recordsCSV.contains(";9876540,00;") == false)
        #expect(recordsCSV.contains(";98765,40;;12;\r\n"))
        let recordsJSON = try String(contentsOf: out.appendingPathComponent("records.jsonl"), encoding: .utf8)
        #expect(recordsJSON.contains("\"state_funding_bgn\":1234.5,\"municipal_funding_bgn\":250,\"waiting_list\":3"))
        let areas = try String(contentsOf: out.appendingPathComponent("areas.csv"), encoding: .utf8)
        #expect(areas.contains("Държавно финансиране (лв.);Общинско финансиране (лв.);Услуги със смесено финансиране;Чакащи"))
        #expect(areas.contains(";101199,90;1450,50;2;15;0\r\n"))
        let draft = try Data(contentsOf: out.appendingPathComponent("map-draft.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: draft) as? [String: Any])
        let national = try #require(
            (document["areas"] as? [[String: Any]])?.first { $0["code"] as? String == "BG" })
        #expect((national["registers"] as? [String: Any])?["state_funding_bgn"] as? Double == 101_199.9)
        let xml = try String(contentsOf: out.appendingPathComponent("map-draft.xml"), encoding: .utf8)
        #expect(xml.contains("stateFundingBGN=\"101199.90\" municipalFundingBGN=\"1450.50\" mixedFinancingServices=\"2\" waitingList=\"15\""))
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Финансиране и чакащи по регистрите"))
        #expect(report.contains("101\u{202F}199,90 лв."))
    }

    @Test("an English register with \"1,234.50\" reads the decimal point; \"250\" and \"950.5\" in the same convention")
    func englishDecimalPoint() throws {
        let run = try ingest(["english-dot-decimal-funding.csv"])
        defer { run.scratch.remove() }
        let file = try #require(run.files.first)
        #expect(counts(file) == [4, 3, 0, 1])
        #expect(
            try sql(
                run.scratch.store,
                "SELECT SUM(state_funding_stotinki), SUM(municipal_funding_stotinki), SUM(waiting_list) FROM records")
                == "1418500|125075|7")
        let registers = try #require(try aggregate(run.scratch.store, level: "national")["BG"]?["registers"] as? [String: Any])
        #expect(registers["mixed_financing_services"] as? Int == 2)
        #expect(registers["state_funding_bgn"] as? Double == 14_185)
    }

    @Test("a column of „1.234\" and „2,500\" alone is unreadable: rows load with money_unreadable, the amount unknown")
    func ambiguousColumn() throws {
        let run = try ingest(["ambiguous-funding-column-cp1251.csv"])
        defer { run.scratch.remove() }
        let file = try #require(run.files.first)
        #expect(counts(file) == [4, 4, 0, 0])
        #expect(try sql(run.scratch.store, "SELECT COUNT(state_funding_stotinki), SUM(municipal_funding_stotinki) FROM records") == "0|20050")
        #expect(try sql(run.scratch.store, "SELECT COUNT(*) FROM records WHERE warnings LIKE '%money_unreadable%'") == "3")
        let message = try sql(
            run.scratch.store, "SELECT warnings FROM records WHERE service_name = 'ДЦДУ Раднево'")
        #expect(message.contains("не показва десетичния знак"))
        #expect(message.contains("Държавно финансиране"))
        // the other money column of the file still reads
        #expect(try sql(run.scratch.store, "SELECT municipal_funding_stotinki FROM records WHERE service_name = 'ДЦДУ Раднево'") == "12050")
    }

    @Test("monthly users: three months at 0 is no_users_three_months (months named), listed in the draft and the report")
    func monthlyUsersAndWaitingList() throws {
        let run = try ingest(["monthly-users-waiting-cp1251-semicolon-title-totals.csv"])
        defer { run.scratch.remove() }
        let file = try #require(run.files.first)
        #expect(counts(file) == [6, 4, 1, 1])
        #expect(file["rejects_by_reason"] as? [String: Int] == ["malformed": 1])
        let bindings = try #require(file["bindings"] as? [String: String])
        #expect(bindings["users"] == "Брой потребители")
        #expect(bindings["waiting_list"] == "Лица в листа на чакащите")
        #expect(!bindings.values.contains { $0.hasPrefix("Потребители ") })
        let idle = try sql(
            run.scratch.store,
            "SELECT service_name || '=' || months_without_users FROM records WHERE months_without_users IS NOT NULL ORDER BY line")
        #expect(
            idle.split(separator: "\n") == [
                "ЦОП Раднево=март|април|май", "Дневен център за деца с увреждания Мъглиж=април|май|юни",
                "ЦНСТ „Детелина“=януари|февруари|март|април|май|юни",
            ])
        // an unknown month („н/д") breaks a run: ДСХ Казанлък has no signal
        #expect(try sql(run.scratch.store, "SELECT warnings FROM records WHERE service_name = 'ДСХ Казанлък'") == "[]")
        #expect(try sql(run.scratch.store, "SELECT SUM(waiting_list), COUNT(waiting_list) FROM records") == "6|3")
        let rejects = try CLIProcess.run(["rejects", "--format", "json", "--store", run.scratch.store])
        #expect(rejects.stdout.contains("\"column\" : \"Потребители февруари\"") || rejects.stdout.contains("\"column\":\"Потребители февруари\""))

        let aggregate = try aggregate(run.scratch.store, level: "district")
        let registers = try #require(aggregate["SZR"]?["registers"] as? [String: Any])
        #expect(registers["services_without_users_three_months"] as? Int == 3)
        #expect(registers["waiting_list"] as? Int == 6)

        let out = run.scratch.url.appendingPathComponent("out")
        let export = try CLIProcess.run(["export", "--store", run.scratch.store, "--out", out.path])
        #expect(export.status == 0, "\(export.stderr)")
        let draft = try Data(contentsOf: out.appendingPathComponent("map-draft.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: draft) as? [String: Any])
        let listed = try #require(document["services_without_users"] as? [[String: Any]])
        #expect(listed.count == 3)
        #expect(listed.first { $0["service_name"] as? String == "ЦОП Раднево" }?["months"] as? [String] == ["март", "април", "май"])
        #expect(listed.allSatisfy { ($0["line"] as? Int ?? 0) > 2 && ($0["source_path"] as? String)?.hasSuffix(".csv") == true })
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let section = try #require(report.range(of: "<section id=\"services-without-users\">"))
        let tail = report[section.lowerBound...]
        let body = tail[..<(tail.range(of: "</section>")?.upperBound ?? tail.endIndex)]
        #expect(body.contains("Услуги без потребители три месеца"))
        #expect(body.contains("ЦНСТ „Детелина“"))
        #expect(body.contains("март, април, май"))
        #expect(!body.contains("ДСХ Казанлък"))
        let national = try String(contentsOf: out.appendingPathComponent("map-national.csv"), encoding: .utf8)
        #expect(national.contains("Услуги без потребители три месеца"))
    }
}
