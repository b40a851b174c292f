import Foundation
import KartaAggregate
import KartaModel
import KartaStore

// Benchmarks of the aggregate stage.
//   karta-bench fill-store STORE N [SEED]   N synthetic records (80 % registers, 15 % АСП, 5 % proposals)
//   karta-bench aggregate STORE [CRITERIA]  the draft: GROUP BY + rollup + criteria + reconciliation (seconds,
//                                           cpu_seconds); cells, reconciliation, lineage apart in extra
//   karta-bench export-records STORE CSV    the records as CSV, for the DuckDB comparison

/// SplitMix64: a small deterministic generator, so the same N and seed give the same store.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

func benchFillStore(_ arguments: [String]) throws -> BenchResult {
    guard arguments.count >= 2, let count = Int(arguments[1]) else {
        throw BenchUsage("fill-store STORE N [SEED]")
    }
    let path = arguments[0]
    var random = SplitMix64(state: 1)
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let store = try Store(path: path)
    let municipalities = ReferenceRegistry.bulgaria.municipalities
    let kinds = ServiceKind.allCases
    let groups = TargetGroup.catalogue
    let financing: [Financing] = [.stateDelegated, .stateDelegated, .local, .project, .unknown]
    let seed = UInt64(arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1)
    let start = Date()
    // One source per kind, loaded through the store's own load path: each pass replays the same
    // random sequence and keeps the records of its kind, so memory stays flat.
    for sourceKind in [SourceKind.municipalRegister, .aspExport, .proposal] {
        random = SplitMix64(state: seed)
        let path = "synthetic/\(sourceKind.rawValue).csv"
        let sha256 = String(repeating: "0", count: 64)
        let source = SourceInfo(
            path: path, sha256: sha256, size: Int64(count) * 90, kind: sourceKind, format: .csv, runID: "bench")
        try store.load(source: source) { writer in
            var recordIndex = 0
            for index in 0..<count {
                let municipality = municipalities[random.below(municipalities.count)]
                let kind = kinds[random.below(kinds.count)]
                let group = groups[random.below(groups.count)]
                let roll = random.below(100)
                let rowKind: SourceKind = roll < 80 ? .municipalRegister : roll < 95 ? .aspExport : .proposal
                let capacity = 1 + random.below(60)
                let users = random.below(capacity + 1)
                let rowFinancing = financing[random.below(financing.count)]
                let level: PlanningLevel = random.below(20) == 0 ? .district : .municipal
                let serviceID = random.below(3) == 0 ? "S-\(random.below(5000))" : nil
                guard rowKind == sourceKind else { continue }
                try writer.add(
                    ServiceRecord(
                        municipalityCode: municipality.code, districtCode: municipality.districtCode, kinds: [kind],
                        targetGroup: group, serviceName: "Услуга \(index)", capacity: capacity, users: users,
                        financing: rowFinancing, planningLevel: level, sourceKind: rowKind, serviceID: serviceID,
                        provenance: Provenance(
                            sourcePath: path, sourceSHA256: sha256,
                            position: SourcePosition(
                                line: recordIndex + 2, byteOffset: Int64(index * 90), recordIndex: recordIndex),
                            runID: "bench")))
                recordIndex += 1
            }
            return SourceCompletion(rowsRead: recordIndex)
        }
    }
    return BenchResult(
        stage: "fill-store", bytes: fileSize(path), rows: count, seconds: Date().timeIntervalSince(start))
}

func benchAggregate(_ arguments: [String]) throws -> BenchResult {
    guard let path = arguments.first else { throw BenchUsage("aggregate STORE [CRITERIA]") }
    let store = try Store(path: path)
    let criteria = try arguments.count > 1 ? CriteriaLoader.load(path: arguments[1]) : PlanningCriteria.none
    let rows = try store.recordCount()
    var cpu: [String: String] = [:]
    var label = ""
    func time(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        let startCPU = processCPUSeconds()
        try body()
        cpu[label + "_cpu_seconds"] = String(format: "%.3f", processCPUSeconds() - startCPU)
        return Date().timeIntervalSince(start)
    }
    // Warm the page cache once, as an analyst's second query would.
    _ = try MapDraftBuilder(store: store).summaries(level: .national)
    var districts = 0
    label = "summaries"
    let summaries = try time {
        districts = try MapDraftBuilder(store: store).summaries(level: .district).count
    }
    var cells = 0
    label = "cells_criteria"
    let cellsWithCriteria = try time {
        let builder = MapDraftBuilder(
            store: store, criteria: criteria, options: AggregationOptions(includeLineage: false))
        cells = try builder.buildCells().count
    }
    label = "reconciliation"
    let reconciliation = try time { _ = try MapDraftBuilder(store: store).reconciliation() }
    label = "draft"
    let draft = try time {
        let builder = MapDraftBuilder(
            store: store, criteria: criteria, options: AggregationOptions(includeLineage: false))
        _ = try builder.build()
    }
    label = "draft_with_lineage"
    let lineage = try time {
        _ = try MapDraftBuilder(store: store, criteria: criteria).build()
    }
    // The figure is the draft the pipeline builds (cells, criteria, reconciliation; lineage off).
    cpu["cpu_seconds"] = cpu["draft_cpu_seconds"]
    return BenchResult(
        stage: "aggregate", bytes: fileSize(path), rows: rows, seconds: draft,
        extra: [
            "cells_criteria_seconds": String(format: "%.3f", cellsWithCriteria),
            "reconciliation_seconds": String(format: "%.3f", reconciliation),
            "summaries_seconds": String(format: "%.3f", summaries),
            "draft_criteria_reconciliation_seconds": String(format: "%.3f", draft),
            "draft_with_lineage_seconds": String(format: "%.3f", lineage),
            "districts": String(districts), "cells": String(cells), "criteria_version": criteria.version,
        ].merging(cpu) { a, _ in a })
}

func benchExportRecords(_ arguments: [String]) throws -> BenchResult {
    guard arguments.count == 2 else { throw BenchUsage("export-records STORE CSV") }
    let store = try Store(path: arguments[0])
    let start = Date()
    var rows = 0
    _ = FileManager.default.createFile(atPath: arguments[1], contents: nil)
    guard let handle = FileHandle(forWritingAtPath: arguments[1]) else {
        throw BenchUsage("cannot write \(arguments[1])")
    }
    defer { try? handle.close() }
    // The records through the store's export stream, ten columns as plain CSV.
    let columns: [RecordExportRow.Column] = [
        .id, .municipalityCode, .districtCode, .kinds, .targetGroup, .planningLevel, .sourceKind, .capacity, .users,
        .financing,
    ]
    var buffer: [UInt8] = Array(
        "id,municipality_code,district_code,primary_kind,target_group,planning_level,source_kind,capacity,users,financing\n"
            .utf8)
    rows = try store.forEachExportRecord { row in
        for (index, column) in columns.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            switch row[column] {
            case .null: break
            case .integer(let value): buffer.append(contentsOf: String(value).utf8)
            case .text(let bytes):
                // `kinds` is `primary|other…`: the primary kind is the first key.
                let end = column == .kinds ? bytes.firstIndex(of: UInt8(ascii: "|")) ?? bytes.count : bytes.count
                buffer.append(contentsOf: bytes[..<end])
            }
        }
        buffer.append(10)
        if buffer.count > 1 << 20 {
            handle.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }
    handle.write(Data(buffer))
    return BenchResult(
        stage: "export-records", bytes: fileSize(arguments[1]), rows: rows,
        seconds: Date().timeIntervalSince(start))
}

func fileSize(_ path: String) -> Int64 {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
}

//   karta-bench explain STORE AREA [KIND]   lineage of one area (and kind), down to the records
func benchExplain(_ arguments: [String]) throws -> BenchResult {
    guard arguments.count >= 2 else { throw BenchUsage("explain STORE AREA [KIND]") }
    let store = try Store(path: arguments[0])
    let kind = arguments.count > 2 ? ServiceKind(named: arguments[2]) : nil
    let start = Date()
    let explanation = try Explainer(builder: MapDraftBuilder(store: store)).explain(
        area: arguments[1], kind: kind)
    let text = explanation.text
    func records(_ cell: ExplainedCell) -> Int {
        cell.records.count + cell.parts.reduce(0) { $0 + records($1) }
    }
    return BenchResult(
        stage: "explain", bytes: Int64(text.utf8.count),
        rows: explanation.cells.reduce(0) { $0 + records($1) },
        seconds: Date().timeIntervalSince(start), extra: ["cells": String(explanation.cells.count)])
}

/// CPU seconds of this process so far (user + system), to read timings on a shared machine.
func processCPUSeconds() -> Double {
    Double(clock()) / Double(CLOCKS_PER_SEC)
}

//   karta-bench aggregate-cells STORE [CRITERIA]   only the target: GROUP BY + rollup + criteria;
//                                                  rows = stored records, extra.cells = cells
func benchAggregateCells(_ arguments: [String]) throws -> BenchResult {
    guard let path = arguments.first else { throw BenchUsage("aggregate-cells STORE [CRITERIA]") }
    let store = try Store(path: path)
    let criteria = try arguments.count > 1 ? CriteriaLoader.load(path: arguments[1]) : PlanningCriteria.none
    let builder = MapDraftBuilder(
        store: store, criteria: criteria, options: AggregationOptions(includeLineage: false))
    _ = try builder.buildCells()  // warm the page cache
    let start = Date()
    let startCPU = processCPUSeconds()
    let cells = try builder.buildCells()
    let cpu = processCPUSeconds() - startCPU
    let seconds = Date().timeIntervalSince(start)
    let records = try store.recordCount()
    return BenchResult(
        stage: "aggregate-cells", bytes: fileSize(path), rows: records, seconds: seconds,
        extra: [
            "cpu_seconds": String(format: "%.3f", cpu), "criteria_version": criteria.version,
            "cells": String(cells.count),
        ])
}
