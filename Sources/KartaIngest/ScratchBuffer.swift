#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A growable run of plain values in one allocation, for the bytes and offsets the readers keep
/// while a C parser calls back (libxml2's SAX callbacks, libcsv's field callback).
///
/// Unlike an `Array` it never checks uniqueness or copies on write, so appending from inside a
/// callback reached through a raw pointer is a capacity check and a store. It has one owner, which calls
/// ``deallocate()``; indices are not checked beyond debug builds.
struct ScratchBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    @inline(__always)
    subscript(_ index: Int) -> Element {
        get {
            assert(index >= 0 && index < count)
            return base[index]
        }
        nonmutating set {
            assert(index >= 0 && index < count)
            base[index] = newValue
        }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = element
        count += 1
    }

    @inline(__always)
    mutating func append(_ elements: UnsafePointer<Element>, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).update(from: elements, count: n)
        count += n
    }

    /// Appends `n` copies of `element`.
    @inline(__always)
    mutating func append(repeating element: Element, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).update(repeating: element, count: n)
        count += n
    }

    /// Makes room for `n` more elements past ``count`` (to be written through ``base``, then
    /// counted with ``didAppend(_:)``).
    @inline(__always)
    mutating func reserveCapacity(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    /// Counts `n` elements written past ``count`` into reserved capacity.
    @inline(__always)
    mutating func didAppend(_ n: Int) {
        assert(count + n <= capacity)
        count += n
    }

    mutating func removeAll() { count = 0 }

    /// Drops the last `n` elements.
    mutating func removeLast(_ n: Int) {
        assert(n >= 0 && n <= count)
        count -= n
    }

    /// Drops the first `n` elements, moving the rest to the front.
    mutating func removeFirst(_ n: Int) {
        assert(n >= 0 && n <= count)
        guard n > 0 else { return }
        if n < count { memmove(base, base + n, (count - n) * MemoryLayout<Element>.stride) }
        count -= n
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }
}
