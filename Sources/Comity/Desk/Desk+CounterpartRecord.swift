/// The counterparts' record, for what the clerk may see.
extension Desk {
    /// How each counterpart has answered the requests we sent and how we answered those it sent
    /// us, per channel and year of sending (receipt), as of a day (default: the clerk's today).
    /// Requests above the clearance are left out of every figure and counted in `withheld`, as
    /// the stall report does.
    ///
    ///     let record = try desk.counterpartRecord(counterpart: "CN", asOf: today)
    ///     let table = record.text
    public func counterpartRecord(
        counterpart: String? = nil, channel: Channel? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, asOf: CalendarDate? = nil
    ) throws(ComityError) -> CounterpartRecord {
        if let from, let to, from > to {
            throw .invalid("--from \(from.iso) is after --to \(to.iso); give a period that runs forward")
        }
        let scope = CounterpartRecord.Scope(counterpart: counterpart, channel: channel, from: from, to: to)
        return try store.counterpartRecord(scope, asOf: asOf ?? clerk.today, clearance: clearance)
    }
}
