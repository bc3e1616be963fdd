import Foundation

/// The dates one phrase book has written, kept for the next letter that writes them, from any
/// thread. Bounded: past `limit` dates it starts again, so a long-running server keeps a few.
final class WrittenDates: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [CalendarDate: String] = [:]
    let limit: Int

    init(limit: Int = 4096) {
        self.limit = limit
    }

    /// The text of `date`, written by `write` the first time it is asked for.
    func text(of date: CalendarDate, write: () -> String) -> String {
        lock.lock()
        let known = texts[date]
        lock.unlock()
        if let known { return known }
        let text = write()
        lock.lock()
        if texts.count >= limit { texts.removeAll(keepingCapacity: true) }
        texts[date] = text
        lock.unlock()
        return text
    }
}
