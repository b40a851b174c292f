/// Answers computed once per distinct key, in bounded memory: the normalizer's one memo.
///
/// Why it exists: a register repeats the same few hundred municipality, service, financing, date
/// and totals texts on thousands of rows, and a municipality's services come one after another.
/// Resolving a text (folding, dictionary search, edit distances) once per distinct value keeps
/// normalizing a cheap lookup per cell; the last key and answer are checked first (a byte
/// comparison, no hashing), because consecutive rows mostly repeat the previous row's values.
///
/// One eviction rule: when `limit` answers are held, the cache is emptied and fills again. A file
/// whose values never repeat gains nothing from a cache anyway; memory stays bounded there.
struct BoundedCache<Key: Hashable, Value> {
    /// Answers held at the most.
    let limit: Int
    private var answers: [Key: Value] = [:]
    private var last: (key: Key, value: Value)?

    init(limit: Int = 100_000) {
        precondition(limit > 0, "a cache holds at least one answer")
        self.limit = limit
    }

    /// Answers held now.
    var count: Int { answers.count }

    /// The answer for `key`: remembered, or computed by `compute` now and remembered.
    mutating func value(for key: Key, compute: (Key) throws -> Value) rethrows -> Value {
        if let last, last.key == key { return last.value }
        let value: Value
        if let known = answers[key] {
            value = known
        } else {
            value = try compute(key)
            if answers.count >= limit { answers.removeAll(keepingCapacity: true) }
            answers[key] = value
        }
        last = (key, value)
        return value
    }
}
