import CLibXML2

/// Finds the record element of an XML file that comes without a mapping.
///
/// A pre-scan parses the first ``XMLReadOptions/detectionPrefixBytes`` (default 4 MiB) with
/// the same secure handler and counts every element path. The record element is the most
/// frequent element below the document element that has attributes or leaf child elements
/// (ties: the deeper, then the first seen). Its default fields, in first-seen (document)
/// order: the attributes of its ancestors, outermost first (`../../@code`, `../@code`), its own
/// attributes (`@name`), then its leaf child elements (`name`). Attributes or children that
/// first appear after the pre-scanned prefix are not fields.
public enum XMLRecordDetection {
    /// Detects the record element and its fields from the start of the file.
    public static func detect(path: String, options: XMLReadOptions) throws(XMLReadError) -> XMLRecordMapping
    {
        let survey = XMLStructureSurvey()
        let parser = try XMLPushParser(path: path, options: options) { $0.survey = survey }
        while parser.bytesRead < Int64(options.detectionPrefixBytes) {
            guard try parser.feedNextChunk(terminateAtEnd: false) else { break }
        }
        guard let mapping = survey.proposeMapping() else {
            throw XMLReadError(
                kind: .noRecords, path: path,
                reason: "no element below the document element has attributes or leaf child elements")
        }
        return mapping
    }
}

/// Counts element paths during the detection pre-scan.
final class XMLStructureSurvey {
    final class Node {
        let name: String
        let parent: Int?
        let depth: Int
        var count = 0
        var attributes: [String] = []
        /// The attribute names seen, as the parser's interned pointers (no hashing of text).
        var attributeSet: Set<UnsafePointer<xmlChar>> = []
        var children: [Int] = []
        init(name: String, parent: Int?, depth: Int) {
            self.name = name
            self.parent = parent
            self.depth = depth
        }
    }

    private struct Key: Hashable {
        var parent: Int
        var name: UnsafePointer<xmlChar>
    }

    private(set) var nodes: [Node] = []
    private var index: [Key: Int] = [:]
    private var open: [Int] = []

    func startElement(
        _ session: XMLParseSession, _ name: UnsafePointer<xmlChar>, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let parent = open.last ?? -1
        let key = Key(parent: parent, name: name)
        let id: Int
        if let known = index[key] {
            id = known
        } else {
            id = nodes.count
            nodes.append(
                Node(name: String(cString: name), parent: parent >= 0 ? parent : nil, depth: open.count))
            index[key] = id
            if parent >= 0 { nodes[parent].children.append(id) }
        }
        let node = nodes[id]
        node.count += 1
        if count > 0, let attributes {
            for i in 0..<count {
                guard let attribute = attributes[5 * i] else { continue }
                if node.attributeSet.insert(attribute).inserted {
                    node.attributes.append(String(cString: attribute))
                }
            }
        }
        open.append(id)
    }

    func endElement(_ session: XMLParseSession) {
        if !open.isEmpty { open.removeLast() }
    }

    func characters(_ session: XMLParseSession, _ text: UnsafePointer<xmlChar>, _ length: Int) {}

    private func isLeaf(_ id: Int) -> Bool { nodes[id].children.isEmpty }

    /// The most frequent element with attributes or leaf children, and its default fields.
    func proposeMapping() -> XMLRecordMapping? {
        var best: Node?
        for node in nodes where node.depth > 0 {
            let leafChildren = node.children.contains(where: isLeaf)
            guard !node.attributes.isEmpty || leafChildren else { continue }
            if let current = best {
                if node.count > current.count || (node.count == current.count && node.depth > current.depth) {
                    best = node
                }
            } else {
                best = node
            }
        }
        guard let record = best else { return nil }
        var ancestors: [Node] = []
        var parent = record.parent
        while let id = parent {
            ancestors.insert(nodes[id], at: 0)
            parent = nodes[id].parent
        }
        var fields: [XMLField] = []
        for (offset, ancestor) in ancestors.enumerated() {
            let levels = ancestors.count - offset
            for attribute in ancestor.attributes {
                let path = XMLFieldPath.ancestorAttribute(levels: levels, name: attribute)
                fields.append(XMLField(name: path.description, path: path))
            }
        }
        for attribute in record.attributes {
            fields.append(XMLField(name: "@" + attribute, path: .attribute(attribute)))
        }
        var seenChildren: Set<String> = []
        for child in record.children where isLeaf(child) && seenChildren.insert(nodes[child].name).inserted {
            fields.append(XMLField(name: nodes[child].name, path: .childText(nodes[child].name)))
        }
        let recordPath = (ancestors + [record]).map(\.name).joined(separator: "/")
        return try? XMLRecordMapping(recordPath: recordPath, fields: fields)
    }
}
