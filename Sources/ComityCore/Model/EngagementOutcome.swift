/// What came of one request at an engagement: raised or not, by whom, what the other side
/// said in its own words, and any commitment it made.
///
///     EngagementOutcome(engagementID: "NODA-BEIJING-2011", requestReference: "JP-MHI-2011-001",
///                       date: CalendarDate(2011, 12, 26)!, raised: true, raisedBy: "Prime Minister Noda",
///                       response: "none")
public struct EngagementOutcome: Hashable, Codable, Sendable {
    public var id: Int64?
    public var engagementID: String
    public var requestReference: String
    /// The day of the engagement on which it came up (or did not).
    public var date: CalendarDate
    public var raised: Bool
    /// Who raised it, as the record gives it: "Prime Minister Noda". Empty when not raised.
    public var raisedBy: String
    /// The counterpart's response in its own words, "none" when it gave none.
    public var response: String
    /// What the counterpart committed to, if anything.
    public var commitment: String
    /// The date the commitment is to be kept by: a promise clock.
    public var commitmentDate: CalendarDate?
    public var note: String

    public init(
        id: Int64? = nil, engagementID: String, requestReference: String, date: CalendarDate, raised: Bool,
        raisedBy: String = "", response: String = "", commitment: String = "", commitmentDate: CalendarDate? = nil, note: String = ""
    ) {
        self.id = id
        self.engagementID = engagementID
        self.requestReference = requestReference
        self.date = date
        self.raised = raised
        self.raisedBy = raisedBy
        self.response = response
        self.commitment = commitment
        self.commitmentDate = commitmentDate
        self.note = note
    }
}

/// An outcome with the engagement it happened at, as the stall engine and letters read it.
public struct MeetingRecord: Hashable, Codable, Sendable {
    public var outcome: EngagementOutcome
    public var engagement: Engagement

    public init(outcome: EngagementOutcome, engagement: Engagement) {
        self.outcome = outcome
        self.engagement = engagement
    }

    /// "the meeting of 26 December 2011 (Prime Minister Noda's visit to Beijing)".
    public var englishPhrase: String {
        "\(engagement.title) (\(engagement.startDate.longEnglishSpan(to: engagement.endDate)))"
    }
}
