import Foundation
import KartaAggregate
import KartaEmit
import KartaModel
import KartaStore

// Benchmark of the emit stage.
//   karta-bench emit STORE OUTDIR [CRITERIA]   build the draft, write every draft format and the
//                                              records (CSV + JSON Lines); rows = records written
//   karta-bench emit-records STORE OUTDIR      only the records (CSV + JSON Lines): constant memory

func benchEmit(_ arguments: [String]) throws -> BenchResult {
    guard arguments.count >= 2 else { throw BenchUsage("emit STORE OUTDIR [CRITERIA]") }
    let store = try Store(path: arguments[0])
    let folder = URL(fileURLWithPath: arguments[1], isDirectory: true)
    let criteria = arguments.count > 2 ? try CriteriaLoader.load(path: arguments[2]) : .none
    let start = Date()
    let draft = try MapDraftBuilder(store: store, criteria: criteria).build()
    let built = Date()
    let draftFiles = try DraftWriter.write(
        draft: draft, formats: [.csv, .json, .xml, .geojson, .html], to: folder)
    let draftWritten = Date()
    let recordFiles = try DraftWriter.writeRecords(store: store, formats: [.csv, .jsonl], to: folder)
    let end = Date()
    let records = try store.recordCount()
    let files = draftFiles + recordFiles
    return BenchResult(
        stage: "emit", bytes: files.map(\.bytes).reduce(0, +), rows: records,
        seconds: end.timeIntervalSince(start),
        extra: [
            "build_draft_seconds": String(format: "%.3f", built.timeIntervalSince(start)),
            "write_draft_seconds": String(format: "%.3f", draftWritten.timeIntervalSince(built)),
            "write_records_seconds": String(format: "%.3f", end.timeIntervalSince(draftWritten)),
            "cells": String(draft.cells.count),
            "files": String(files.count),
        ])
}

func benchEmitRecords(_ arguments: [String]) throws -> BenchResult {
    guard arguments.count == 2 else { throw BenchUsage("emit-records STORE OUTDIR") }
    let store = try Store(path: arguments[0])
    let folder = URL(fileURLWithPath: arguments[1], isDirectory: true)
    let start = Date()
    let csv = try DraftWriter.writeRecords(store: store, formats: [.csv], to: folder)
    let csvDone = Date()
    let lines = try DraftWriter.writeRecords(store: store, formats: [.jsonl], to: folder)
    let end = Date()
    let records = try store.recordCount()
    return BenchResult(
        stage: "emit-records", bytes: (csv + lines).map(\.bytes).reduce(0, +), rows: records,
        seconds: end.timeIntervalSince(start),
        extra: [
            "csv_seconds": String(format: "%.3f", csvDone.timeIntervalSince(start)),
            "jsonl_seconds": String(format: "%.3f", end.timeIntervalSince(csvDone)),
        ])
}
