import Foundation
import NIOCore

/// Waits for a future on the calling thread, at most a given time: the one way karta's
/// synchronous code waits for postgres-nio (`EventLoopFuture.wait()` has no time limit).
enum BoundedWait {
    /// The future had no result in time.
    struct TimedOut: Error {
        let seconds: TimeInterval
    }

    /// The connection closed before the future had a result.
    struct Closed: Error {}

    /// The future's value, its error, or ``TimedOut`` after `seconds`. With `closed` (a
    /// channel's close future), the wait also ends with ``Closed`` as soon as the connection
    /// closes: postgres-nio may leave a query sent on a connection the server just ended
    /// unanswered for ever.
    static func result<T>(
        of future: EventLoopFuture<T>, within seconds: TimeInterval, closed: EventLoopFuture<Void>? = nil
    ) throws -> T {
        let box = ResultBox<T>()
        future.whenComplete { result in box.set(result) }
        closed?.whenComplete { _ in box.set(.failure(Closed())) }
        guard let result = box.wait(seconds: seconds) else { throw TimedOut(seconds: seconds) }
        return try result.get()
    }

    /// A result handed from the event loop to the waiting thread.
    private final class ResultBox<T>: @unchecked Sendable {
        private let condition = NSCondition()
        private var result: Result<T, any Error>?

        /// Keeps the first result: a query's own answer wins over a close that follows it.
        func set(_ value: Result<T, any Error>) {
            condition.lock()
            if result == nil { result = value }
            condition.broadcast()
            condition.unlock()
        }

        func wait(seconds: TimeInterval) -> Result<T, any Error>? {
            let deadline = Date().addingTimeInterval(seconds)
            condition.lock()
            defer { condition.unlock() }
            while result == nil {
                if !condition.wait(until: deadline) { break }
            }
            return result
        }
    }
}
