import Foundation
import KartaAggregate
import KartaModel

/// Writes the draft's JSON document piece by piece, in the bytes `JSONEncoder` gives for the
/// whole draft (sorted keys, two-space pretty printing, `/` unescaped), without holding the
/// encoder's tree of the whole draft: each area, cell, reconciliation entry and reject is
/// encoded on its own and indented to its depth.
///
/// Re-indenting is safe because a JSON string never holds a raw line feed: every `\n` in an
/// encoded piece is a line break of the layout.
struct DraftJSONWriter {
    private let encoder: JSONEncoder
    private let write: ([UInt8]) throws -> Void

    /// `write` receives the document's bytes in order.
    init(write: @escaping ([UInt8]) throws -> Void) {
        encoder = KartaJSON.encoder()
        self.write = write
    }

    /// Writes `draft` and the final line feed. The members are in `JSONEncoder`'s sorted order.
    func write(_ draft: MapDraft) throws {
        try object(depth: 0) { member in
            try member("areas") { try array(draft.areas, depth: 1) }
            try member("cells") { try array(draft.cells, depth: 1) }
            if let comparison = draft.comparison {
                // absent when no adopted Map is loaded: nothing was compared
                try member("comparison") { try value(comparison, depth: 1) }
            }
            if let services = draft.districtServices {
                try member("district_services") { try districtServices(services, depth: 1) }
            }
            try member("karta_version") { try value(draft.metadata.kartaVersion, depth: 1) }
            try member("metadata") { try value(draft.metadata, depth: 1) }
            try member("reconciliation") { try reconciliation(draft.reconciliation, depth: 1) }
            try member("rejects") { try array(draft.rejects, depth: 1) }
            try member("schema_version") { try value(ArtifactSchema.mapDraft.rawValue, depth: 1) }
            if let services = draft.servicesWithoutUsers {
                try member("services_without_users") { try array(services, depth: 1) }
            }
        }
        try write([10])
    }

    private func reconciliation(_ report: ReconciliationReport, depth: Int) throws {
        try object(depth: depth) { member in
            try member("cell_counts") { try value(report.cellCounts, depth: depth + 1) }
            try member("cells") { try array(report.cells, depth: depth + 1) }
            try member("rule") { try value(report.rule, depth: depth + 1) }
            try member("service_counts") { try value(report.serviceCounts, depth: depth + 1) }
            try member("services") { try array(report.services, depth: depth + 1) }
        }
    }

    /// The district-level services as ``array(_:depth:)`` would write them, through
    /// ``DistrictServiceJSON`` (see there why), about a megabyte at a time.
    private func districtServices(_ services: [DistrictService], depth: Int) throws {
        let writer = DistrictServiceJSON(depth: depth + 1)
        let first = Array(indent(depth + 1).utf8)
        let separator = Array(",\n".utf8) + first
        var bytes = Array("[\n".utf8)
        for (index, service) in services.enumerated() {
            bytes.append(contentsOf: index == 0 ? first : separator)
            writer.append(service, to: &bytes)
            if bytes.count >= 1 << 20 {
                try write(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        bytes.append(contentsOf: Array(("\n" + indent(depth) + "]").utf8))
        try write(bytes)
    }

    /// An object at `depth` whose members `body` writes, each through the `member` function it
    /// is given (key, then a closure that writes the value).
    private func object(
        depth: Int, _ body: (_ member: (String, () throws -> Void) throws -> Void) throws -> Void
    ) throws {
        var first = true
        try write(Array("{\n".utf8))
        try body { key, writeValue in
            try write(Array(((first ? "" : ",\n") + indent(depth + 1) + "\"\(key)\" : ").utf8))
            first = false
            try writeValue()
        }
        try write(Array(("\n" + indent(depth) + "}").utf8))
    }

    /// An array at `depth`, one element encoded at a time (empty: `[`, an empty line, `]`).
    private func array<Element: Encodable>(_ elements: [Element], depth: Int) throws {
        try write(Array("[\n".utf8))
        for (index, element) in elements.enumerated() {
            try write(Array(((index == 0 ? "" : ",\n") + indent(depth + 1)).utf8))
            try value(element, depth: depth + 1)
        }
        try write(Array(("\n" + indent(depth) + "]").utf8))
    }

    /// One value encoded by `JSONEncoder`, its lines indented to `depth` (the empty line of an
    /// empty collection stays empty, as the encoder leaves it).
    private func value<Value: Encodable>(_ value: Value, depth: Int) throws {
        let encoded = [UInt8](try encoder.encode(value))
        let margin = Array(indent(depth).utf8)
        var indented: [UInt8] = []
        indented.reserveCapacity(encoded.count)
        for (index, byte) in encoded.enumerated() {
            indented.append(byte)
            if byte == 10, index + 1 < encoded.count, encoded[index + 1] != 10 {
                indented.append(contentsOf: margin)
            }
        }
        try write(indented)
    }

    private func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth) }
}
