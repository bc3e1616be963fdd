/// Slows down guessing: after a number of failed sign-ins for one account, or from one address,
/// further attempts wait, the wait doubling with each failure up to a quarter of an hour. A
/// success clears the account's and the address's count.
actor SignInThrottle {
    private struct Record {
        var failures = 0
        var lockedUntil: ContinuousClock.Instant?
    }

    private let allowed: Int
    private let firstLockout: Duration
    private let longest: Duration = .seconds(15 * 60)
    private var records: [String: Record] = [:]

    init(allowed: Int, firstLockout: Duration) {
        self.allowed = allowed
        self.firstLockout = firstLockout
    }

    /// The seconds still to wait before `keys` (the account, the address) may try again; 0 if none.
    func wait(for keys: [String], now: ContinuousClock.Instant) -> Int {
        let waits = keys.compactMap { records[$0]?.lockedUntil }.filter { $0 > now }.map { now.duration(to: $0) }
        guard let longestWait = waits.max() else { return 0 }
        return max(1, Int(longestWait.components.seconds) + (longestWait.components.attoseconds > 0 ? 1 : 0))
    }

    func failed(_ keys: [String], now: ContinuousClock.Instant) {
        for key in keys {
            var record = records[key] ?? Record()
            record.failures += 1
            if record.failures >= allowed {
                let doublings = min(record.failures - allowed, 10)
                let lockout = min(firstLockout * (1 << doublings), longest)
                record.lockedUntil = now + lockout
            }
            records[key] = record
        }
        if records.count > 100_000 { records = records.filter { $0.value.lockedUntil.map { $0 > now } ?? false } }
    }

    func succeeded(_ keys: [String]) {
        for key in keys { records[key] = nil }
    }
}
