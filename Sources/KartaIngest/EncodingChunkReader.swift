import KartaModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file (or an in-memory sample) in fixed-size chunks and hands them out as bytes the
/// CSV parser can split: UTF-8 as is (validated), Windows-1251 as is (checked, decoded per field
/// later), UTF-16 transcoded to UTF-8. It keeps the mapping back to offsets in the original bytes.
///
/// Memory is two buffers of about the chunk size, whatever the size of the file.
final class DecodedChunkReader {
    /// Where the bytes come from.
    enum Backing {
        case file(descriptor: Int32)
        case memory([UInt8])
    }

    let path: String
    let encoding: TextEncoding
    private let backing: Backing
    private let chunkSize: Int

    /// Raw bytes as read: a carried-over tail of the previous read, then the new bytes.
    private let raw: UnsafeMutablePointer<UInt8>
    private let rawCapacity: Int
    private var rawCount = 0
    /// Bytes at the start of `raw` kept from the previous chunk (an incomplete sequence).
    private var rawCarry = 0
    /// File offset of `raw[0]`.
    private var rawFileOffset: Int64
    /// File offset of the next read.
    private var readOffset: Int64

    /// UTF-16 only: the transcoded chunk.
    private let transcoded: UnsafeMutablePointer<UInt8>?
    private var lineStarts: [LineStart] = []

    /// The current chunk: bytes for the parser.
    private(set) var bytes: UnsafePointer<UInt8>
    private(set) var count = 0
    /// Original file offset of `bytes[0]`.
    private(set) var chunkOffset: Int64

    /// Opens `path` (already checked to be a regular file) and positions after the BOM.
    init(path: String, encoding: TextEncoding, backing: Backing, startOffset: Int64, chunkSize: Int) {
        self.path = path
        self.encoding = encoding
        self.backing = backing
        self.chunkSize = max(16, chunkSize)
        rawCapacity = self.chunkSize + 8
        raw = .allocate(capacity: rawCapacity)
        if encoding.isByteOriented {
            transcoded = nil
            bytes = UnsafePointer(raw)
        } else {
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: rawCapacity * 3 / 2 + 8)
            transcoded = buffer
            bytes = UnsafePointer(buffer)
        }
        rawFileOffset = startOffset
        readOffset = startOffset
        chunkOffset = startOffset
    }

    deinit {
        raw.deallocate()
        transcoded?.deallocate()
        if case .file(let descriptor) = backing { close(descriptor) }
    }

    /// Loads the next chunk. Returns false at the end of the input.
    ///
    /// Throws ``IngestError`` when the bytes are not valid in the encoding or contain NUL.
    func nextChunk() throws -> Bool {
        // Keep the unconsumed raw tail (an incomplete sequence) in front of the next read.
        let consumedRaw = rawCount - rawCarry
        if rawCarry > 0 && consumedRaw > 0 {
            UnsafeMutableRawPointer(raw).copyMemory(from: raw + consumedRaw, byteCount: rawCarry)
        }
        rawFileOffset += Int64(consumedRaw)
        rawCount = rawCarry
        let fresh = try read(into: raw + rawCount, capacity: chunkSize - rawCount + 8, at: readOffset)
        readOffset += Int64(fresh)
        rawCount += fresh
        if fresh == 0 {
            count = 0
            chunkOffset = rawFileOffset
            if rawCarry > 0 { throw invalid(at: rawFileOffset, encoding: encoding) }
            return false
        }
        lineStarts.removeAll(keepingCapacity: true)
        chunkOffset = rawFileOffset
        switch encoding {
        case .utf8, .utf8BOM:
            try checkUTF8()
        case .windows1251:
            try checkWindows1251()
        case .utf16LE, .utf16BE:
            try transcodeUTF16()
        }
        return true
    }

    /// The original file offset of the byte at `index` of the current chunk.
    ///
    /// Exact for byte-oriented encodings; for UTF-16 exact at the chunk start and at line starts
    /// (record starts are always one of those).
    func originalOffset(ofIndex index: Int) -> Int64 {
        guard transcoded != nil, index > 0 else { return chunkOffset + Int64(index) }
        var low = 0
        var high = lineStarts.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let start = lineStarts[middle]
            if start.decoded == index { return start.original }
            if start.decoded < index { low = middle + 1 } else { high = middle - 1 }
        }
        // Not a line start (a record cannot start there): the nearest line start before it.
        return high >= 0 ? lineStarts[high].original : chunkOffset
    }

    /// Moves to an original file offset at a line start. Returns the index in the current
    /// chunk when it lies there; otherwise nil, and the next ``nextChunk()`` reads from it.
    func reposition(toOriginalOffset offset: Int64) -> Int? {
        if transcoded == nil {
            if offset >= chunkOffset && offset <= chunkOffset + Int64(count) {
                return Int(offset - chunkOffset)
            }
        } else if offset == chunkOffset {
            return 0
        } else if let start = lineStarts.first(where: { $0.original == offset }) {
            return start.decoded
        }
        rawCarry = 0
        rawCount = 0
        count = 0
        rawFileOffset = offset
        readOffset = offset
        chunkOffset = offset
        return nil
    }

    // MARK: - Reading and checking

    private func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int, at offset: Int64) throws -> Int
    {
        switch backing {
        case .memory(let data):
            guard offset < Int64(data.count) else { return 0 }
            let n = min(capacity, data.count - Int(offset))
            data.withUnsafeBufferPointer { source in
                if let base = source.baseAddress {
                    buffer.update(from: base + Int(offset), count: n)
                }
            }
            return n
        case .file(let descriptor):
            while true {
                let n = pread(descriptor, buffer, capacity, off_t(offset))
                if n >= 0 { return n }
                if errno == EINTR { continue }
                throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    private func checkUTF8() throws {
        switch UTF8Validation.validate(UnsafeBufferPointer(start: raw, count: rawCount)) {
        case .valid(let tail):
            rawCarry = tail
            count = rawCount - tail
        case .invalid(let index):
            let offset = rawFileOffset + Int64(index)
            if raw[index] == 0 { throw IngestError.binary(path: path, byteOffset: offset) }
            let window = UnsafeBufferPointer(start: raw, count: rawCount)
            let suggestion =
                EncodingDetection.windows1251Doubt(window) == nil ? TextEncoding.windows1251 : nil
            throw IngestError.invalidEncoding(
                path: path, encoding: encoding.rawValue, byteOffset: offset, suggestion: suggestion?.rawValue)
        }
    }

    private func checkWindows1251() throws {
        rawCarry = 0
        count = rawCount
        if let nul = memchr(raw, 0, rawCount) {
            throw IngestError.binary(
                path: path,
                byteOffset: rawFileOffset + Int64(raw.distance(to: nul.assumingMemoryBound(to: UInt8.self))))
        }
        if let bad = memchr(raw, Int32(Windows1251.unassignedByte), rawCount) {
            let index = raw.distance(to: bad.assumingMemoryBound(to: UInt8.self))
            let window = UnsafeBufferPointer(start: raw, count: rawCount)
            let looksUTF8: Bool
            if case .valid = UTF8Validation.validate(window) { looksUTF8 = true } else { looksUTF8 = false }
            throw IngestError.invalidEncoding(
                path: path, encoding: encoding.rawValue, byteOffset: rawFileOffset + Int64(index),
                suggestion: looksUTF8 ? TextEncoding.utf8.rawValue : nil)
        }
    }

    private func transcodeUTF16() throws {
        guard let transcoded else { return }
        let outcome = UTF16Transcoder.transcode(
            UnsafeRawBufferPointer(start: raw, count: rawCount), bigEndian: encoding == .utf16BE,
            into: transcoded, inputOffset: rawFileOffset, lineStarts: &lineStarts)
        switch outcome {
        case .transcoded(let consumed, let produced):
            rawCarry = rawCount - consumed
            count = produced
        case .invalid(let index):
            throw invalid(at: rawFileOffset + Int64(index), encoding: encoding)
        case .nul(let index):
            throw IngestError.binary(path: path, byteOffset: rawFileOffset + Int64(index))
        }
    }

    private func invalid(at offset: Int64, encoding: TextEncoding) -> IngestError {
        .invalidEncoding(path: path, encoding: encoding.rawValue, byteOffset: offset, suggestion: nil)
    }
}
