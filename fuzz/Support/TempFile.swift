import Foundation

/// A per-process scratch file that a harness rewrites for every input (readers take paths).
public struct FuzzTempFile: Sendable {
    public let path: String

    /// A file named `NAME` in a folder of its own under the temporary directory.
    public init(name: String) {
        let folder = NSTemporaryDirectory() + "karta-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/" + name
    }

    /// Replaces the file's bytes with `bytes`.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        let data = bytes.isEmpty ? Data() : Data(bytes)
        FileManager.default.createFile(atPath: path, contents: data)
    }

    /// The folder that holds the file.
    public var folder: String { (path as NSString).deletingLastPathComponent }
}
