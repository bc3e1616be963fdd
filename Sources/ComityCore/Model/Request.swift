/// A request for assistance that we send to another state.
public struct Request: Hashable, Codable, Sendable {
    /// Our reference, unique in the database.
    public var reference: String
    public var caseID: String
    public var fromAuthority: String
    public var toAuthority: String
    public var channel: Channel
    public var basisID: String?
    public var subject: String
    /// The items of assistance sought, one sentence each.
    public var items: [String]
    public var urgency: Urgency
    public var classification: Classification
    /// When the request left us; nil while drafted or in clearance.
    public var sentDate: CalendarDate?
    public var counterpartReference: String?
    public var state: RequestState
    /// When data the counterpart preserved for us will be deleted: a hard limit.
    public var preservedUntil: CalendarDate?
    public var note: String

    public init(
        reference: String, caseID: String, fromAuthority: String, toAuthority: String,
        channel: Channel, basisID: String? = nil, subject: String, items: [String] = [],
        urgency: Urgency = .routine, classification: Classification = .restricted,
        sentDate: CalendarDate? = nil, counterpartReference: String? = nil,
        state: RequestState = .drafted, preservedUntil: CalendarDate? = nil, note: String = ""
    ) {
        self.reference = reference
        self.caseID = caseID
        self.fromAuthority = fromAuthority
        self.toAuthority = toAuthority
        self.channel = channel
        self.basisID = basisID
        self.subject = subject
        self.items = items
        self.urgency = urgency
        self.classification = classification
        self.sentDate = sentDate
        self.counterpartReference = counterpartReference
        self.state = state
        self.preservedUntil = preservedUntil
        self.note = note
    }
}

/// A counterpart's answer to a request.
public struct Reply: Hashable, Codable, Sendable {
    public var id: Int64?
    public var requestReference: String
    public var date: CalendarDate
    public var fromAuthority: String?
    public var kind: ReplyKind
    public var summary: String
    /// A date the counterpart promised something by.
    public var promisedDate: CalendarDate?
    public var refusalGrounds: [RefusalGround]
    public var classification: Classification

    public init(
        id: Int64? = nil, requestReference: String, date: CalendarDate, fromAuthority: String? = nil,
        kind: ReplyKind, summary: String, promisedDate: CalendarDate? = nil,
        refusalGrounds: [RefusalGround] = [], classification: Classification = .restricted
    ) {
        self.id = id
        self.requestReference = requestReference
        self.date = date
        self.fromAuthority = fromAuthority
        self.kind = kind
        self.summary = summary
        self.promisedDate = promisedDate
        self.refusalGrounds = refusalGrounds
        self.classification = classification
    }
}

/// A meeting with a counterpart, from working level up to a leaders' summit.
public struct Engagement: Hashable, Codable, Sendable {
    public var id: String
    public var counterpart: String
    public var startDate: CalendarDate
    public var endDate: CalendarDate
    public var level: EngagementLevel
    public var title: String
    public var place: String
    public var note: String

    public init(
        id: String, counterpart: String, startDate: CalendarDate, endDate: CalendarDate,
        level: EngagementLevel, title: String, place: String = "", note: String = ""
    ) {
        self.id = id
        self.counterpart = counterpart
        self.startDate = startDate
        self.endDate = endDate
        self.level = level
        self.title = title
        self.place = place
        self.note = note
    }
}
