extension StallEngine {
    /// Whether a request's response clock has passed on `asOf`, exactly as `assess` decides
    /// "overdue" (or "very overdue"): it is open and sent by then, the counterpart owes the
    /// execution, and the day is after the response due date. A stopped clock (a supplement
    /// request with us) is never overdue. Both ways, as `dossier.direction` says: on a request
    /// that came to us the answer is ours, so overdue is with us, and `calendar` is our state's
    /// (the one that owes the answer), as the stall query gives it.
    public static func isResponseOverdue(_ dossier: Dossier, asOf: CalendarDate, settings: StallSettings, calendar: HolidayCalendar) -> Bool {
        let state = dossier.state
        guard state.isOpen, awaitsExecution(state), let sent = dossier.sentDate, sent <= asOf else { return false }
        let clocks = RequestClocks(dossier: dossier, asOf: asOf, settings: settings, calendar: calendar, engagement: nil)
        guard let due = clocks.responseDue else { return false }
        return asOf > due
    }
}
