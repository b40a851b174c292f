import KartaIngest
import KartaModel

extension SourceIngestion {
    /// Opens a file with karta's readers (`SourceReader`: CSV via libcsv, XML via libxml2),
    /// applying the user's encoding, delimiter and header-line overrides.
    public static func openWithReaders(_ request: ReaderRequest) throws -> any RawRowSource {
        var options = SourceReadOptions()
        if let name = request.encoding {
            guard let encoding = TextEncoding(name: name) else { throw ReaderOverrideError.encoding(name) }
            options.csv.encoding = encoding
        }
        if let text = request.delimiter {
            guard let delimiter = delimiterByte(text) else { throw ReaderOverrideError.delimiter(text) }
            options.csv.delimiter = delimiter
        }
        if let line = request.headerLine { options.csv.headerLine = line }
        return try SourceReader.open(path: request.path, options: options)
    }

    /// Checks `--encoding` and `--delimiter` before any file is touched.
    public static func validateReaderOverrides(encoding: String?, delimiter: String?) throws {
        if let encoding, TextEncoding(name: encoding) == nil { throw ReaderOverrideError.encoding(encoding) }
        if let delimiter, delimiterByte(delimiter) == nil { throw ReaderOverrideError.delimiter(delimiter) }
    }

    static func delimiterByte(_ text: String) -> UInt8? {
        switch text {
        case ";", ",", "|": return text.utf8.first
        case "\t", "\\t", "tab", "TAB": return 0x09
        default: return nil
        }
    }
}

/// A reader override the user gave that karta does not know.
public enum ReaderOverrideError: Error, CustomStringConvertible {
    case encoding(String)
    case delimiter(String)

    public var description: String {
        switch self {
        case .encoding(let name):
            "unknown encoding '\(name)'; use UTF-8, UTF-8-BOM, windows-1251, UTF-16LE or UTF-16BE"
        case .delimiter(let text):
            "unknown delimiter '\(text)'; use ';', ',', '|' or tab"
        }
    }
}
