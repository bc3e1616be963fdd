import GRDB

/// A cursor that can look at its next element without taking it, for merge joins.
struct PeekableCursor<Base: Cursor> {
    private var base: Base
    private var peeked: Base.Element?

    init(_ base: Base) { self.base = base }

    /// Takes the run of elements whose key equals `key`, skipping any with smaller keys.
    mutating func take(while key: (Base.Element) -> String, equals wanted: String) throws -> [Base.Element] {
        var run: [Base.Element] = []
        while true {
            if peeked == nil { peeked = try base.next() }
            guard let element = peeked else { return run }
            let k = key(element)
            if k < wanted { peeked = nil; continue }
            if k > wanted { return run }
            run.append(element)
            peeked = nil
        }
    }
}
