/// One of our investigations, for which requests go abroad.
public struct Case: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var leadAuthority: String
    public var offence: String
    public var incidentDate: CalendarDate
    public var discoveryDate: CalendarDate
    /// When prosecution becomes impossible: a hard limit on every request of the case.
    public var limitationDate: CalendarDate?
    public var classification: Classification
    public var note: String

    public init(
        id: String, title: String, leadAuthority: String, offence: String,
        incidentDate: CalendarDate, discoveryDate: CalendarDate, limitationDate: CalendarDate? = nil,
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
