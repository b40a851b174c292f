import CLibXML2
import Foundation

/// Validates XML documents against an XSD with libxml2's schema validation, in process.
public final class XMLSchemaValidator {
    /// A problem found while loading the schema or validating a document.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    private let schema: xmlSchemaPtr

    /// Loads the schema at `path`; throws the parser's problems when it is not a valid XSD.
    public init(schemaPath: String) throws {
        let problems = ProblemCollector()
        guard let parser = xmlSchemaNewParserCtxt(schemaPath) else {
            throw Problem(line: 0, message: "cannot read schema \(schemaPath)")
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(
            parser, collectProblem, Unmanaged.passUnretained(problems).toOpaque())
        guard let schema = xmlSchemaParse(parser) else {
            throw problems.items.first ?? Problem(line: 0, message: "invalid schema \(schemaPath)")
        }
        self.schema = schema
    }

    deinit { xmlSchemaFree(schema) }

    /// The problems of the document in `bytes`: empty when it is well-formed and valid.
    public func problems(in bytes: [UInt8]) -> [Problem] {
        let problems = ProblemCollector()
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory(
                        $0, Int32(buffer.count), "document.xml", nil,
                        Int32(
                            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                                | XML_PARSE_NOWARNING.rawValue))
                }
            } ?? nil
        }
        guard let document else { return [Problem(line: 0, message: "not well-formed XML")] }
        defer { xmlFreeDoc(document) }
        guard let context = xmlSchemaNewValidCtxt(schema) else {
            return [Problem(line: 0, message: "cannot create a validation context")]
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        xmlSchemaSetValidStructuredErrors(
            context, collectProblem, Unmanaged.passUnretained(problems).toOpaque())
        let result = xmlSchemaValidateDoc(context, document)
        if result != 0 && problems.items.isEmpty {
            return [Problem(line: 0, message: "invalid (libxml2 code \(result))")]
        }
        return problems.items
    }
}

/// Collects libxml2's structured errors; passed to the C callback as its user data.
private final class ProblemCollector {
    var items: [XMLSchemaValidator.Problem] = []
}

private func collectProblem(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    let collector = Unmanaged<ProblemCollector>.fromOpaque(userData).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) } ?? "unknown problem"
    collector.items.append(
        XMLSchemaValidator.Problem(
            line: Int(error.pointee.line),
            message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
}
