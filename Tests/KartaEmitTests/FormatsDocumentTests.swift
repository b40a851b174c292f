import Foundation
import Testing

@testable import KartaEmit

@Suite("docs/formats.md")
struct FormatsDocumentTests {
    @Test("docs/formats.md documents every column of every file, as generated from the writers' column lists")
    func upToDate() throws {
        let url = SampleStore.packageRoot.appendingPathComponent("docs/formats.md")
        let generated = FormatsDocument.markdown()
        if ProcessInfo.processInfo.environment["KARTA_UPDATE_GOLDEN"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == generated)
        for column in DraftTables.cellColumns + RecordsExport.columns {
            #expect(generated.contains("| `\(column.key)` |"))
        }
    }

    @Test("column keys are unique within each file")
    func uniqueKeys() {
        for columns in [
            DraftTables.cellColumns, DraftTables.areaColumns, DraftTables.rejectColumns,
            DraftTables.reconciliationColumns, DraftTables.serviceReconciliationColumns,
            RecordsExport.columns,
        ] {
            #expect(Set(columns.map(\.key)).count == columns.count)
            #expect(Set(columns.map(\.headerBG)).count == columns.count)
        }
    }
}
