/// One of our investigations, for which requests go abroad.
public struct Case: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var leadAuthority: String
    public var offence: String
    /// When the incident began, as precisely as the source gives it; nil when not known.
    public var incidentDate: ReportedDate?
    /// When it was discovered, as precisely as the source gives it.
    public var discoveryDate: ReportedDate
    /// When prosecution becomes impossible: a hard limit on every request of the case.
    public var limitationDate: CalendarDate?
    public var classification: Classification
    public var note: String

    /// A case whose dates are known to the day.
    public init(
        id: String, title: String, leadAuthority: String, offence: String,
        incidentDate: CalendarDate, discoveryDate: CalendarDate, limitationDate: CalendarDate? = nil,
        classification: Classification = .restricted, note: String = ""
    ) {
        self.init(id: id, title: title, leadAuthority: leadAuthority, offence: offence, incident: ReportedDate(incidentDate),
                  discovered: ReportedDate(discoveryDate), limitationDate: limitationDate, classification: classification, note: note)
    }

    /// A case whose dates are as reported: to the day, the month or the year.
    public init(
        id: String, title: String, leadAuthority: String, offence: String,
        incident incidentDate: ReportedDate?, discovered discoveryDate: ReportedDate, limitationDate: CalendarDate? = nil,
        classification: Classification = .restricted, note: String = ""
    ) {
        self.id = id
        self.title = title
        self.leadAuthority = leadAuthority
        self.offence = offence
        self.incidentDate = incidentDate
        self.discoveryDate = discoveryDate
        self.limitationDate = limitationDate
        self.classification = classification
        self.note = note
    }
}
