/// Masks personal numbers (ЕГН) in free text, as published court decisions do: „[ЕГН]".
///
/// A token is a run of exactly ten ASCII digits (not part of a longer run of digits) that
/// ``PersonalNumber/isValid(_:)-(Collection<UInt8>)`` accepts: a valid date and check digit.
public enum PersonalDataMask {
    public static let replacement = "[ЕГН]"

    /// `text` with every ЕГН replaced by „[ЕГН]"; the same string when there is none.
    public static func mask(_ text: String) -> String {
        var copy = text
        guard copy.withUTF8({ firstToken(in: $0) }) != nil else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if isDigit(bytes[index]) {
                var end = index
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                if end - index == 10, PersonalNumber.isValid(bytes[index..<end]) {
                    out.append(contentsOf: replacement.utf8)
                } else {
                    out.append(contentsOf: bytes[index..<end])
                }
                index = end
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `text` contains an ЕГН.
    public static func containsPersonalNumber(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { firstToken(in: $0) } != nil
    }

    /// True when `text`, trimmed, is exactly one ЕГН.
    public static func isPersonalNumber(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            var start = 0
            var end = bytes.count
            while start < end, bytes[start] == 0x20 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
            return end - start == 10
                && PersonalNumber.isValid(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    /// The start of the first ЕГН token in `bytes`.
    ///
    /// Probes every tenth byte: a run of ten digits that starts at or after `index` covers
    /// `index + 9`, so when that byte is not a digit the scan jumps past it. Text without long
    /// digit runs (most cells) is read a tenth byte at a time.
    static func firstToken(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // Invariant: `index` is 0 or the byte before it is not a digit.
        var index = 0
        while index + 10 <= bytes.count {
            let probe = index + 9
            guard isDigit(bytes[probe]) else {
                index = probe + 1
                continue
            }
            var start = probe
            while start > index, isDigit(bytes[start - 1]) { start -= 1 }
            var end = probe + 1
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            if end - start == 10, PersonalNumber.isValid(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                return start
            }
            index = end + 1
        }
        return nil
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
