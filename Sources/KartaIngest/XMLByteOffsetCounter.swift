import CLibXML2

/// Turns a position in libxml2's decoded (UTF-8) input buffer into a byte offset in the file.
///
/// For UTF-8 files libxml2 decodes nothing, and the offset is `consumed + (p - base)`
/// (what `xmlByteConsumed` computes). For other encodings `xmlByteConsumed` re-encodes the
/// rest of the buffer on every call, far too slow per record; instead the counter counts the
/// characters of everything decoded as the callbacks pass it, and converts: one byte per
/// character for single-byte encodings (windows-1251, ISO-8859-x, KOI8-R), two per UTF-16
/// code unit, four per UTF-32 character. Multi-byte legacy encodings (Shift-JIS, GB18030) get
/// the character count, an approximation.
struct XMLByteOffsetCounter {
    enum Unit { case identity, singleByte, utf16, utf32 }

    /// For an ASCII-compatible encoding named in the XML declaration: the file offset just
    /// after the encoding name's closing quote. libxml2 reads the declaration up to there
    /// undecoded, then decodes the rest, so the decoded stream starts there. (A UTF-16 file is
    /// decoded from its first byte, BOM included.)
    var declarationEnd: Int64 = 0
    private var rawStart: Int64 = 0
    private var unit: Unit?
    /// Decoded offset counted up to, and the raw bytes it corresponds to.
    private var countedDecoded: Int64 = 0
    private var countedRaw: Int64 = 0

    /// For input karta transcoded itself from a single-byte encoding, starting at `rawStart`:
    /// libxml2 sees UTF-8 and has no encoder to tell the unit by.
    mutating func assumeSingleByte(from rawStart: Int64) {
        unit = .singleByte
        self.rawStart = rawStart
    }

    private mutating func resolveUnit(_ input: xmlParserInputPtr) -> Unit {
        if let unit { return unit }
        var resolved = Unit.identity
        if let encoder = input.pointee.buf?.pointee.encoder, let cName = encoder.pointee.name {
            let name = String(cString: cName).uppercased()
            if name.hasPrefix("UTF-16") || name.hasPrefix("UTF16") || name.hasPrefix("UCS-2") {
                resolved = .utf16
            } else if name.hasPrefix("UTF-32") || name.hasPrefix("UCS-4") || name.hasPrefix("UCS4") {
                resolved = .utf32
            } else if name == "UTF-8" || name == "UTF8" {
                resolved = .identity
            } else {
                resolved = .singleByte
                rawStart = declarationEnd
            }
        }
        unit = resolved
        return resolved
    }

    /// Counts decoded bytes up to `p` (a pointer into the current input buffer).
    mutating func advance(to p: UnsafePointer<xmlChar>, input: xmlParserInputPtr) {
        guard resolveUnit(input) != .identity, let base = input.pointee.base else { return }
        let consumed = Int64(input.pointee.consumed)
        let target = consumed + Int64(p - base)
        guard target > countedDecoded else { return }
        if countedDecoded < consumed {
            // Bytes left the buffer between callbacks (should not happen: every construct has a
            // callback); count them one raw byte each.
            countedRaw += consumed - countedDecoded
            countedDecoded = consumed
        }
        var q = base + Int(countedDecoded - consumed)
        var raw: Int64 = 0
        switch unit {
        case .utf16:
            while q < p {
                let b = q.pointee
                if b & 0xC0 != 0x80 { raw += b >= 0xF0 ? 4 : 2 }
                q += 1
            }
        case .utf32:
            raw = 4 * Self.characterStarts(from: q, to: p)
        default:
            raw = Self.characterStarts(from: q, to: p)
        }
        countedRaw += raw
        countedDecoded = target
    }

    /// Counts the bytes in `from..<to` that start a UTF-8 character (are not `10xxxxxx`).
    static func characterStarts(from start: UnsafePointer<xmlChar>, to end: UnsafePointer<xmlChar>) -> Int64 {
        var starts: Int64 = 0
        var q = start
        while q < end {
            if q.pointee & 0xC0 != 0x80 { starts += 1 }
            q += 1
        }
        return starts
    }

    /// The byte offset in the file of the decoded position `p`.
    mutating func byteOffset(of p: UnsafePointer<xmlChar>, input: xmlParserInputPtr) -> Int64 {
        if resolveUnit(input) == .identity {
            guard let base = input.pointee.base else { return 0 }
            return Int64(input.pointee.consumed) + Int64(p - base)
        }
        advance(to: p, input: input)
        return rawStart + countedRaw
    }

    /// Called by every SAX callback so no decoded byte leaves the buffer uncounted.
    mutating func advanceToCursor(_ ctxt: xmlParserCtxtPtr?) {
        guard let input = ctxt?.pointee.input, let cur = input.pointee.cur else { return }
        advance(to: cur, input: input)
    }
}
