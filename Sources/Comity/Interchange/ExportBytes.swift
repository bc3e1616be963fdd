/// Bytes being gathered for a write, in one block of memory that grows as needed and is
/// written into directly: an export appends hundreds of millions of small runs.
final class ExportBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Memory the bytes are handed over in, kept from one hand-over to the next.
    private var handed: [UInt8] = []

    /// The bytes so far, copied.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes so far as an array, which they leave: copied into the memory the last
    /// hand-over used, so handing over megabyte after megabyte takes no fresh memory.
    func handOver() -> [UInt8] {
        handed.removeAll(keepingCapacity: true)
        handed.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        count = 0
        return handed
    }

    /// Forgets every byte, keeping the memory.
    func removeAll() { count = 0 }

    /// Forgets the bytes appended since `count` was `mark`.
    func truncate(to mark: Int) { count = min(count, mark) }

    @inline(__always)
    private func reserve(_ more: Int) {
        if count + more > capacity { grow(count + more) }
    }

    private func grow(_ needed: Int) {
        let larger = max(needed, capacity * 2)
        let block = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        block.update(from: base, count: count)
        base.deallocate()
        base = block
        capacity = larger
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard let start = run.baseAddress, run.count > 0 else { return }
        reserve(run.count)
        (base + count).update(from: start, count: run.count)
        count += run.count
    }

    @inline(__always)
    func append(_ run: Slice<UnsafeBufferPointer<UInt8>>) { append(UnsafeBufferPointer(rebasing: run)) }

    /// Text known when compiling, such as punctuation between values.
    @inline(__always)
    func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// The number in decimal, as `String(number)` writes it.
    func append(_ number: Int64) {
        // A sign and 20 digits hold any Int64.
        reserve(21)
        if number < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var magnitude = number.magnitude
        var digits = 1
        var power: UInt64 = 10
        while digits < 20 && magnitude >= power {
            digits += 1
            if digits < 20 { power &*= 10 }
        }
        var position = count + digits
        count = position
        repeat {
            position -= 1
            base[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude != 0
    }
}
