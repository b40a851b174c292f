#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered file writer over bytes: rows are appended to a buffer that is flushed in large
/// blocks, so writing gigabytes takes constant memory.
final class ByteSink {
    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20
    private(set) var bytesWritten: Int64 = 0

    init(path: String) throws(GeneratorError) {
        guard let file = fopen(path, "wb") else {
            throw GeneratorError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.file = file
        buffer.reserveCapacity(flushThreshold + 65_536)
    }

    deinit { fclose(file) }

    @inline(__always) func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        bytesWritten += Int64(bytes.count)
    }

    @inline(__always) func write(_ byte: UInt8) {
        buffer.append(byte)
        bytesWritten += 1
    }

    func write(ascii text: StaticString) {
        text.withUTF8Buffer { write(Array($0)) }
    }

    /// Writes the buffer out when it is large; call after each row.
    @inline(__always) func flushIfFull() throws(GeneratorError) {
        if buffer.count >= flushThreshold { try flush() }
    }

    func flush() throws(GeneratorError) {
        guard !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else {
            throw GeneratorError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(GeneratorError) {
        try flush()
        guard fflush(file) == 0 else { throw GeneratorError("cannot write \(path)") }
    }
}

/// Appends decimal numbers without going through String.
enum Digits {
    /// Appends `value`; with `thousands`, groups of three digits are separated by a space
    /// („1 250"), as Bulgarian spreadsheets print them.
    @inline(__always) static func append(_ value: Int, to bytes: inout [UInt8], thousands: Bool = false) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(-value, to: &bytes, thousands: thousands)
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
                count += 1
            } while rest > 0
            for position in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(raw[position])
                if thousands, position > 0, position % 3 == 0 { bytes.append(0x20) }
            }
        }
    }
}
