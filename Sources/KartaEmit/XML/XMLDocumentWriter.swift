import CLibXML2

/// Writes an XML document into memory with libxml2's `xmlTextWriter`: elements, attributes and
/// text, escaped by libxml2, indented, UTF-8.
///
/// Text from input files may hold characters XML 1.0 forbids (control characters); they are
/// replaced by U+FFFD so that the document stays well-formed.
public final class XMLDocumentWriter {
    /// A failure of libxml2's writer.
    public struct WriteError: Error, CustomStringConvertible {
        public let operation: String
        public var description: String { "libxml2 xmlTextWriter failed to \(operation)" }
    }

    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    public init() throws {
        guard let buffer = xmlBufferCreate() else { throw WriteError(operation: "create a buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw WriteError(operation: "create a writer")
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        _ = "  ".withCString { xmlTextWriterSetIndentString(writer, $0) }
        guard xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil) >= 0 else {
            throw WriteError(operation: "start the document")
        }
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    public func startElement(_ name: String) throws {
        try check(xmlTextWriterStartElement(writer, name), "start element \(name)")
    }

    public func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "end an element")
    }

    /// An attribute of the open element; nil writes nothing.
    public func attribute(_ name: String, _ value: String?) throws {
        guard let value else { return }
        let clean = Self.xmlSafe(value)
        try check(xmlTextWriterWriteAttribute(writer, name, clean), "write attribute \(name)")
    }

    public func attribute(_ name: String, _ value: Int?) throws {
        try attribute(name, value.map { String($0) })
    }

    public func attribute(_ name: String, _ value: Int64?) throws {
        try attribute(name, value.map { String($0) })
    }

    /// A decimal attribute with `places` decimals and a `.` mark (XML Schema `xs:decimal`).
    public func attribute(_ name: String, _ value: Double?, places: Int) throws {
        try attribute(name, value.map { DecimalText.format($0, places: places) })
    }

    public func attribute(_ name: String, _ value: Bool) throws {
        try attribute(name, value ? "true" : "false")
    }

    /// An element holding only text.
    public func textElement(_ name: String, _ text: String) throws {
        try check(
            xmlTextWriterWriteElement(writer, name, Self.xmlSafe(text)), "write element \(name)")
    }

    /// Closes every open element and returns the document's bytes.
    public func finish() throws -> [UInt8] {
        try check(xmlTextWriterEndDocument(writer), "end the document")
        try check(xmlTextWriterFlush(writer), "flush")
        let length = Int(xmlBufferLength(buffer))
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: length))
    }

    private func check(_ result: Int32, _ operation: String) throws {
        if result < 0 { throw WriteError(operation: operation) }
    }

    /// `text` with every character that XML 1.0 does not allow replaced by U+FFFD.
    public static func xmlSafe(_ text: String) -> String {
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
            default: false
            }
        }
        guard !text.unicodeScalars.allSatisfy(allowed) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(allowed(scalar) ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }
}
