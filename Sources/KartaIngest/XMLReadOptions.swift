/// How ``XMLReader`` reads one XML file: which element is a record, and the limits that keep a
/// hostile file from exhausting memory or time.
public struct XMLReadOptions: Sendable, Hashable {
    /// Which element repeats and which values become fields; nil detects both (see
    /// ``XMLRecordDetection``).
    public var mapping: XMLRecordMapping?
    public var limits: XMLReadLimits
    /// Bytes handed to libxml2's push parser at a time; records are buffered one chunk at a time.
    /// The default, 64 KiB, keeps a chunk, libxml2's input buffer and the chunk's records within
    /// a core's L2 cache (with 256 KiB chunks the reader missed it several times as often).
    public var chunkSize: Int
    /// Without a mapping, how many leading bytes the detection pre-scan looks at.
    public var detectionPrefixBytes: Int
    /// The longest ``KartaModel/RawRow/rawText`` kept per record, in UTF-8 bytes.
    public var rawTextLimit: Int

    public init(
        mapping: XMLRecordMapping? = nil, limits: XMLReadLimits = XMLReadLimits(),
        chunkSize: Int = 64 * 1024, detectionPrefixBytes: Int = 4 * 1024 * 1024,
        rawTextLimit: Int = 2048
    ) {
        self.mapping = mapping
        self.limits = limits
        self.chunkSize = max(4096, chunkSize)
        self.detectionPrefixBytes = max(4096, detectionPrefixBytes)
        self.rawTextLimit = max(64, rawTextLimit)
    }
}

/// The limits beyond which an XML file is refused as hostile (a file-level error).
public struct XMLReadLimits: Sendable, Hashable {
    /// The deepest element nesting accepted (the document element is depth 1).
    public var maxDepth: Int
    /// The largest single text node or attribute value, in UTF-8 bytes. libxml2 itself stops at
    /// 10,000,000 bytes for one attribute value (without `XML_PARSE_HUGE`, which karta never
    /// sets); that is refused with the same message.
    public var maxValueBytes: Int
    /// The largest file accepted, in bytes as stored on disk.
    public var maxFileBytes: Int64

    public init(
        maxDepth: Int = 256, maxValueBytes: Int = 10 * 1024 * 1024,
        maxFileBytes: Int64 = 2 * 1024 * 1024 * 1024
    ) {
        self.maxDepth = maxDepth
        self.maxValueBytes = maxValueBytes
        self.maxFileBytes = maxFileBytes
    }
}
