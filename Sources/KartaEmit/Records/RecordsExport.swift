import Foundation
import KartaModel
import KartaStore

/// The consolidated dataset: every normalized service record in the store with its provenance,
/// as Excel CSV (`records.csv`) or JSON Lines (`records.jsonl`).
///
/// Streams: records are read one at a time in id order (``StoreReading/forEachExportRecord(_:)``) and written through an
/// ``AtomicFileStream``, so memory stays constant however many records the store holds.
public enum RecordsExport {
    /// The documented, stable columns (JSON Lines uses the keys, in this order).
    public static let columns: [CSVColumn] = [
        CSVColumn(
            "Идентификатор", key: "record_id", .integer, "record id: source id × 2³² + record index, the same for the same inputs (lineage ids in the draft)"),
        CSVColumn("Код на общината", key: "municipality_code", .code, "municipality code (`SZR31`)"),
        CSVColumn("Община", key: "municipality_name", .text, "Bulgarian name from the registry"),
        CSVColumn("Код на областта", key: "district_code", .code, "district code (`SZR`)"),
        CSVColumn("Вид услуга (код)", key: "primary_kind", .code, "key of the primary kind"),
        CSVColumn("Видове услуги", key: "kinds", .list, "keys of all kinds, primary first"),
        CSVColumn("Целева група (код)", key: "target_group_code", .code, "target group code"),
        CSVColumn("Целева група", key: "target_group", .text, "target group in Bulgarian"),
        CSVColumn(
            "Наименование на услугата", key: "service_name", .text,
            "the service's name as written in the source"),
        CSVColumn("Капацитет (места)", key: "capacity", .integer, "places; empty when not given"),
        CSVColumn("Потребители", key: "users", .integer, "users; empty when not given"),
        CSVColumn("Финансиране", key: "financing", .code, "`state_delegated`, `local`, `project`, `unknown`"),
        CSVColumn("Доставчик", key: "provider", .text, "provider as written"),
        CSVColumn("Към дата", key: "reporting_date", .text, "reporting date, ISO `YYYY-MM-DD`"),
        CSVColumn("Ниво на планиране", key: "planning_level", .code, "`municipal` or `district`"),
        CSVColumn(
            "Вид източник", key: "source_kind", .code, "`municipal-register`, `asp-export`, `proposal`"),
        CSVColumn(
            "Идентификатор в източника", key: "service_id", .text,
            "the service's id in the source, when given"),
        CSVColumn(
            "ЕКАТТЕ на населеното място", key: "settlement_ekatte", .code, "settlement EKATTE, when given"),
        CSVColumn("Файл", key: "source_path", .text, "source file as stored"),
        CSVColumn("SHA-256 на файла", key: "source_sha256", .code, "hex SHA-256 of the source file"),
        CSVColumn("Ред", key: "line", .integer, "1-based line of the row in the source file"),
        CSVColumn("Отместване (байтове)", key: "byte_offset", .integer, "0-based byte offset of the row"),
        CSVColumn(
            "Пореден номер", key: "record_index", .integer, "0-based index of the row after the header"),
        CSVColumn("Предупреждения", key: "warnings", .list, "warning codes kept on the record"),
        CSVColumn(
            "Държавно финансиране (лв.)", key: "state_funding_bgn", .decimal2,
            "state funding in leva as the register gives it; empty when not given or unreadable"),
        CSVColumn(
            "Общинско финансиране (лв.)", key: "municipal_funding_bgn", .decimal2,
            "municipal funding (дофинансиране) in leva; empty when not given or unreadable"),
        CSVColumn("Чакащи", key: "waiting_list", .integer, "people on the waiting list; empty when not given"),
        CSVColumn(
            "Месеци без потребители", key: "months_without_users", .list,
            "three or more consecutive months with 0 users (ЗСУ Art. 58(1) т. 2), as the headers name them"),
    ]

    /// The row of one stored record, in ``columns`` order.
    public static func row(_ stored: StoredRecord, registry: ReferenceRegistry) -> [CSVValue] {
        let record = stored.record
        let position = record.provenance.position
        return [
            .integer(stored.id), .text(record.municipalityCode),
            .text(registry.municipality(code: record.municipalityCode)?.nameBG), .text(record.districtCode),
            .text(record.primaryKind.key), .text(record.storedKinds), .text(record.targetGroup.code),
            .text(record.targetGroup.nameBG), .text(record.serviceName), .integer(record.capacity),
            .integer(record.users), .text(record.financing.rawValue), .text(record.provider),
            .text(record.reportingDate), .text(record.planningLevel.rawValue),
            .text(record.sourceKind.rawValue),
            .text(record.serviceID), .text(record.settlementEKATTE), .text(record.provenance.sourcePath),
            .text(record.provenance.sourceSHA256), .integer(position.line), .integer(position.byteOffset),
            .integer(position.recordIndex),
            .text(record.warnings.map(\.code).joined(separator: "|")),
            .decimal(record.register.stateFundingStotinki.map { Double($0) / 100 }, places: 2),
            .decimal(record.register.municipalFundingStotinki.map { Double($0) / 100 }, places: 2),
            .integer(record.register.waitingList), .text(record.register.monthsWithoutUsers?.joined(separator: "|")),
        ]
    }

    /// Writes every record of `store` as CSV in `dialect` to `url`; returns the record count.
    @discardableResult
    public static func writeCSV(
        store: any StoreReading, dialect: CSVDialect, to url: URL, registry: ReferenceRegistry = .bulgaria
    ) throws -> Int {
        try write(store: store, to: [CSVRecordSink(url: url, dialect: dialect)], registry: registry)
    }

    /// Writes every record of `store` as JSON Lines (one object per line, keys in ``columns``
    /// order, LF line ends) to `url`; returns the record count.
    @discardableResult
    public static func writeJSONLines(
        store: any StoreReading, to url: URL, registry: ReferenceRegistry = .bulgaria
    ) throws -> Int {
        try write(store: store, to: [JSONLinesRecordSink(url: url)], registry: registry)
    }

    /// Reads every record once, in id order, and writes it to every sink;
    /// commits the sinks in order and returns the record count. A failure leaves no sink's file.
    @discardableResult
    static func write(store: any StoreReading, to sinks: [any RecordSink], registry: ReferenceRegistry) throws
        -> Int
    {
        var reader = RecordRowReader(registry: registry)
        var fields: [RecordField] = []
        let count = try store.forEachExportRecord { row in
            reader.read(row, into: &fields)
            for sink in sinks { try sink.write(fields) }
        }
        for sink in sinks { try sink.commit() }
        return count
    }
}
