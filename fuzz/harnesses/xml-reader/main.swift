// fuzz-dependencies: KartaIngest KartaModel
import KartaFuzzSupport
import KartaIngest
import KartaModel

// Any bytes as an XML file: the reader opens it or throws, never crashes, hangs or allocates
// without bound; a document that declares an entity is always refused.
let file = FuzzTempFile(name: "input.xml")

func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
    let pattern = Array(needle.utf8)
    guard bytes.count >= pattern.count else { return false }
    var start = 0
    while start + pattern.count <= bytes.count {
        if bytes[start] == pattern[0], bytes[start..<start + pattern.count].elementsEqual(pattern) {
            return true
        }
        start += 1
    }
    return false
}

/// The document's text to look for declarations in: UTF-16 (with a byte-order mark, or starting
/// with "<" as libxml2 detects it) decoded as the reader decodes it, anything else as its bytes —
/// in UTF-16 the bytes of "<!ENTITY" can sit across two characters that are no declaration.
func searchableText(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    guard bytes.count >= 2 else { return Array(bytes) }
    let littleEndian: Bool
    var start = 2
    switch (bytes[0], bytes[1]) {
    case (0xFF, 0xFE): littleEndian = true
    case (0xFE, 0xFF): littleEndian = false
    case (0x3C, 0x00): littleEndian = true; start = 0
    case (0x00, 0x3C): littleEndian = false; start = 0
    default: return Array(bytes)
    }
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = start
    while index + 1 < bytes.count {
        let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
        units.append(littleEndian ? first | second << 8 : first << 8 | second)
        index += 2
    }
    return Array(String(decoding: units, as: UTF16.self).utf8)
}

runFuzzer { bytes in
    file.write(bytes)
    var options = XMLReadOptions()
    options.chunkSize = bytes.first.map { $0 & 1 == 0 ? 16 : 4096 } ?? 4096
    var completed = false
    do {
        let reader = try XMLReader(path: file.path, options: options)
        var rows = 0
        while try reader.next() != nil {
            rows += 1
            precondition(rows <= bytes.count + 1, "more rows than bytes: the reader loops")
        }
        completed = true
    } catch {}
    // An entity declaration outside comments, CDATA and processing instructions must be refused.
    let text = searchableText(bytes)
    if completed, contains(text, "<!ENTITY"), !contains(text, "<!--"), !contains(text, "<!["),
        !contains(text, "?>")
    {
        preconditionFailure("a document declaring an entity was read without error")
    }
}
