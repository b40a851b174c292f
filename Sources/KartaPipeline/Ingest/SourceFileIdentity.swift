import Foundation

/// What identifies the bytes of an input file without reading them: device, inode, size and
/// modification time (nanoseconds). Taken before hashing, after hashing and after reading, it
/// tells a file that changed while karta read it, so that no half-old, half-new file is stored.
///
/// ``check(path:shownAs:)`` also refuses what is not a regular file before anything opens it:
/// a folder, a FIFO (opening one would block), a device, a socket, a symbolic-link loop.
struct SourceFileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int

    /// The identity of the regular file at `path` (symbolic links followed); throws an
    /// ``IngestionError`` naming `shownAs` when there is none or it is not a regular file.
    static func check(path: String, shownAs: String) throws -> SourceFileIdentity {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            switch code {
            case ENOENT: throw IngestionError(message: "\(shownAs): no such file")
            case ELOOP: throw IngestionError(message: "\(shownAs): symbolic link loop, not a file")
            case EACCES: throw IngestionError(message: "\(shownAs): not readable (permissions)")
            default:
                throw IngestionError(
                    message: "\(shownAs): cannot be read: \(String(cString: strerror(code)))")
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            break
        case S_IFDIR:
            throw IngestionError(message: "\(shownAs): is a folder, not a file")
        case S_IFIFO:
            throw IngestionError(message: "\(shownAs): is a FIFO (named pipe), not a regular file")
        case S_IFSOCK:
            throw IngestionError(message: "\(shownAs): is a socket, not a regular file")
        default:
            throw IngestionError(message: "\(shownAs): is a device, not a regular file")
        }
        return SourceFileIdentity(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modifiedSeconds: Int(info.st_mtim.tv_sec), modifiedNanoseconds: Int(info.st_mtim.tv_nsec))
    }

    /// Throws when the file at `path` is no longer the one this identity describes.
    func expectUnchanged(path: String, shownAs: String) throws {
        let now = try Self.check(path: path, shownAs: shownAs)
        guard now == self else {
            throw IngestionError(
                message:
                    "\(shownAs): the file changed while it was being read (size \(size) → \(now.size) bytes); "
                    + "nothing from it was stored, ingest it again once it is complete")
        }
    }

    /// A person's words for a failed read (the POSIX reason when there is one).
    static func readFailure(_ error: any Error, shownAs: String) -> IngestionError {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return IngestionError(
                message: "\(shownAs): cannot be read: \(String(cString: strerror(Int32(underlying.code))))")
        }
        if nsError.domain == NSPOSIXErrorDomain {
            return IngestionError(
                message: "\(shownAs): cannot be read: \(String(cString: strerror(Int32(nsError.code))))")
        }
        return IngestionError(message: "\(shownAs): cannot be read: \(nsError.localizedDescription)")
    }
}
