// fuzz-dependencies: KartaIngest KartaModel
import KartaFuzzSupport
import KartaIngest
import KartaModel

// Any bytes as an XML file: the reader opens it or throws, never crashes, hangs or allocates
// without bound; a document that declares an entity is always refused.
let file = FuzzTempFile(name: "input.xml")

func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
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
    if completed, contains(bytes, "<!ENTITY"), !contains(bytes, "<!--"), !contains(bytes, "<!["),
        !contains(bytes, "?>")
    {
        preconditionFailure("a document declaring an entity was read without error")
    }
}
