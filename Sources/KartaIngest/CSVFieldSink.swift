import KartaModel
import CLibCSV

/// Where libcsv's callbacks copy the fields of the record being parsed, as UTF-8.
///
/// Plain memory reached through a pointer from the C callbacks: no reference counting, no
/// allocation per field. Windows-1251 bytes are decoded to UTF-8 while they are copied.
struct CSVFieldSink {
    /// The record's fields, one after another.
    var bytes = ScratchBuffer<UInt8>(capacity: 64 * 1024)
    /// `ends[i]` is the end of field i in `bytes`; field i starts at `ends[i - 1]` (or 0).
    var ends = ScratchBuffer<Int>(capacity: 256)
    /// Set by the record callback when libcsv ends the record.
    var recordEnded = false
    /// The first field (0-based) longer than `maxFieldBytes`, or -1.
    var oversizeField = -1
    let maxFieldBytes: Int
    /// Windows-1251 → UTF-8 table (see ``Windows1251/makeUTF8Table()``), nil for UTF-8 input.
    let decodeTable: UnsafeMutablePointer<UInt32>?

    init(maxFieldBytes: Int, decodeTable: UnsafeMutablePointer<UInt32>?) {
        self.maxFieldBytes = maxFieldBytes
        self.decodeTable = decodeTable
    }

    /// Bytes of the record so far.
    var byteCount: Int { bytes.count }
    /// Fields of the record so far.
    var fieldCount: Int { ends.count }

    func deallocate() {
        bytes.deallocate()
        ends.deallocate()
        decodeTable?.deallocate()
    }

    mutating func reset() {
        bytes.removeAll()
        ends.removeAll()
        recordEnded = false
        oversizeField = -1
    }

    /// Appends one field as libcsv hands it over.
    @inline(__always)
    mutating func append(_ field: UnsafeRawPointer?, length: Int) {
        if length > maxFieldBytes {
            if oversizeField < 0 { oversizeField = fieldCount }
        } else if let field, length > 0 {
            let source = field.assumingMemoryBound(to: UInt8.self)
            if let table = decodeTable {
                // Branch-free: store each byte's packed UTF-8 (4 bytes, the 4th is scratch) and
                // advance by its length; 4 bytes more are reserved for the last store.
                bytes.reserveCapacity(length * 3 + 4)
                let out = UnsafeMutableRawPointer(bytes.base + bytes.count)
                var position = 0
                for index in 0..<length {
                    let packed = table[Int(source[index])]
                    out.storeBytes(of: packed, toByteOffset: position, as: UInt32.self)
                    position &+= Int(packed >> 24)
                }
                bytes.didAppend(position)
            } else {
                bytes.append(source, count: length)
            }
        }
        ends.append(bytes.count)
    }

    /// Whether the record has no content at all (a blank line, or only delimiters: `;;;;`).
    var isBlank: Bool { bytes.count == 0 && oversizeField < 0 }

    /// The bytes of field `index` (UTF-8).
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(start: bytes.base + start, count: ends[index] - start)
    }
}

/// libcsv's field callback: copies the field into the sink passed as `context`.
func csvFieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    context.assumingMemoryBound(to: CSVFieldSink.self).pointee.append(field, length: length)
}

/// libcsv's record callback: marks the record as ended.
func csvRecordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    context.assumingMemoryBound(to: CSVFieldSink.self).pointee.recordEnded = true
}
