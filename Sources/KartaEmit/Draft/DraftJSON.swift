import Foundation
import KartaAggregate

/// The draft as one JSON document, described by `schemas/map-draft.schema.json`.
///
/// Keys sorted, two-space pretty printing, `/` unescaped, Cyrillic as UTF-8: the same draft gives
/// the same bytes. Written piece by piece (``DraftJSONWriter``), so that memory does not hold the
/// encoder's tree of the whole draft.
public enum DraftJSON {
    public static func encode(_ draft: MapDraft) throws -> Data {
        var data = Data()
        try DraftJSONWriter { data.append(contentsOf: $0) }.write(draft)
        return data
    }

    /// Writes the draft (the bytes of ``encode(_:)``) to `url` atomically, piece by piece.
    public static func write(_ draft: MapDraft, to url: URL) throws {
        let stream = try AtomicFileStream(url: url)
        try DraftJSONWriter { try stream.append($0) }.write(draft)
        try stream.commit()
    }

    /// Reads a draft written by ``encode(_:)`` (what `karta diff` compares), or by a karta from
    /// before format version 2 (camelCase keys), such as the drafts older runs left in a store.
    public static func decode(_ data: Data, path: String) throws -> MapDraft {
        do {
            if let legacy = LegacyDraftJSON.upgraded(data) {
                return try JSONDecoder().decode(MapDraft.self, from: legacy)
            }
            return try JSONDecoder().decode(MapDraft.self, from: data)
        } catch {
            throw DraftFileError(path: path, message: "not a karta Map draft (JSON): \(describe(error))")
        }
    }

    /// Reads the draft at `path`: a `map-draft.json` file, or a folder that holds one.
    public static func read(path: String) throws -> MapDraft {
        var isFolder: ObjCBool = false
        var file = path
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            file = URL(fileURLWithPath: path).appendingPathComponent("map-draft.json").path
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DraftFileError(path: file, message: "cannot read the file")
        }
        return try decode(data, path: file)
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

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
