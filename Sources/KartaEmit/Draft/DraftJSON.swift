import Foundation
import KartaAggregate

/// The draft as one JSON document, described by `schemas/map-draft.schema.json`.
///
/// Keys sorted, two-space pretty printing, `/` unescaped, Cyrillic as UTF-8: the same draft gives
/// the same bytes.
public enum DraftJSON {
    public static func encode(_ draft: MapDraft) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(draft)
        data.append(10)
        return data
    }

    /// Reads a draft written by ``encode(_:)`` (what `karta diff` compares).
    public static func decode(_ data: Data, path: String) throws -> MapDraft {
        do {
            return try JSONDecoder().decode(MapDraft.self, from: data)
        } catch {
            throw DraftFileError(path: path, message: "not a karta Map draft (JSON): \(describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing \(pathText(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong value at \(pathText(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not valid JSON" : "bad value at \(pathText(context.codingPath))"
        default: "\(error)"
        }
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

/// A draft file that cannot be read.
public struct DraftFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
