/// Dates as the phrase file writes them.
extension Phrasebook {
    /// A date: `30 September 2011`, `平成23年9月30日`, `2011年9月30日`.
    public func date(_ date: CalendarDate) -> String {
        writtenDates.text(of: date) { dayPattern.fill(parts(date)) }
    }

    /// A reported date as precisely as it was reported: `August 2011`, `平成23年8月`, `2011`.
    /// In the era calendar, a month or year that spans the start of an era gives both years.
    public func reported(_ reported: ReportedDate) -> String {
        switch reported.precision {
        case .day:
            return date(reported.earliest)
        case .month:
            var values = parts(reported.earliest)
            values["year"] = yearSpan(reported)
            return monthPattern.fill(values)
        case .year:
            return yearPattern.fill(["year": yearSpan(reported)])
        }
    }

    /// Two days, the era or year named once where both share it: `25–26 December 2011`,
    /// `平成23年12月25日から26日まで`. One day when they are the same.
    public func span(_ start: CalendarDate, _ end: CalendarDate) -> String {
        if start == end { return date(start) }
        var values = parts(start)
        let to = parts(end)
        values["from"] = date(start)
        values["to"] = date(end)
        values["toDay"] = to["day"]
        values["toM"] = to["m"]
        values["toMonth"] = to["month"]
        values["toYear"] = to["year"]
        guard values["year"] == to["year"] else { return otherRange.fill(values) }
        return (start.month == end.month ? sameMonth : sameYear).fill(values)
    }

    /// The placeholders of one date: `day`, `m` (the month's number), `month` (its name) and
    /// `year` (Western, or the era and its year: 平成23, 令和元).
    private func parts(_ date: CalendarDate) -> [String: String] {
        var values = ["day": String(date.day), "m": String(date.month), "year": year(date)]
        if let months { values["month"] = months[date.month - 1] }
        return values
    }

    private func year(_ date: CalendarDate) -> String {
        guard calendar == .japaneseEra else { return String(date.year) }
        let era = JapaneseEraDate(date)
        return era.era.kanji + (era.eraYear == 1 ? eraFirstYear ?? "1" : String(era.eraYear))
    }

    private func yearSpan(_ reported: ReportedDate) -> String {
        let first = year(reported.earliest), last = year(reported.latest)
        guard calendar == .japaneseEra, JapaneseEraDate(reported.earliest).era != JapaneseEraDate(reported.latest).era, let eraSpan else {
            return first
        }
        return eraSpan.fill(["before": first, "after": last])
    }
}
