import KartaModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Windows-1251 XML turned into UTF-8 before libxml2 sees it.
///
/// libxml2 decodes a declared `windows-1251` through iconv, a fifth of its time on a Bulgarian
/// export; a 256-entry table does the same several times faster. The parser then gets UTF-8 with
/// `XML_PARSE_IGNORE_ENC`, and positions map back to file offsets one character per byte.
final class XMLWindows1251Input {
    /// The UTF-8 of the last chunk (a Windows-1251 byte becomes at most three UTF-8 bytes).
    let output: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private let table: UnsafeMutablePointer<UInt32>

    init(chunkSize: Int) {
        capacity = 3 * chunkSize + 8
        output = .allocate(capacity: capacity)
        table = Windows1251.makeUTF8Table()
    }

    deinit {
        output.deallocate()
        table.deallocate()
    }

    /// The outcome of transcoding one chunk.
    enum Outcome: Equatable {
        /// `count` UTF-8 bytes in ``output``.
        case transcoded(count: Int)
        /// The byte at `index` of the chunk is 0x98, the one byte Windows-1251 leaves unassigned.
        case unassigned(index: Int)
    }

    /// Transcodes `chunk` into ``output`` by table, each character stored as one 4-byte word (the
    /// bytes past its length are overwritten next).
    func transcode(_ chunk: UnsafeRawBufferPointer) -> Outcome {
        precondition(3 * chunk.count + 8 <= capacity, "chunk larger than the transcoding buffer")
        guard let source = chunk.baseAddress else { return .transcoded(count: 0) }
        if let bad = memchr(source, Int32(Windows1251.unassignedByte), chunk.count) {
            return .unassigned(index: source.distance(to: UnsafeRawPointer(bad)))
        }
        let bytes = source.assumingMemoryBound(to: UInt8.self)
        let out = UnsafeMutableRawPointer(output)
        var o = 0
        for i in 0..<chunk.count {
            let packed = table[Int(bytes[i])]
            out.storeBytes(of: packed, toByteOffset: o, as: UInt32.self)
            o += Int(packed >> 24)
        }
        return .transcoded(count: o)
    }

    /// True for the names an XML declaration may give Windows-1251 (IANA name and aliases).
    static func isWindows1251(_ declared: String) -> Bool {
        ["WINDOWS-1251", "CP1251", "X-CP1251", "CP-1251", "WIN-1251"].contains(declared.uppercased())
    }
}
