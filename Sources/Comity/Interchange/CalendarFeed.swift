/// An RFC 5545 iCalendar feed of engagements and the dated clocks of outstanding requests.
///
/// Every event is an all-day event (VALUE=DATE, exclusive DTEND) with a stable UID, so
/// a calendar that imports the feed again updates its events instead of duplicating them.
/// Its SEQUENCE counts the recorded changes that can move its date (`CalendarRevisions`) and
/// LAST-MODIFIED is midnight UTC of the day the last of them happened, so a client that
/// keeps the higher revision shows a moved deadline at its new date. Each event carries the
/// mark of the request it names: CLASS (PUBLIC, PRIVATE or CONFIDENTIAL), the mark as the first
/// line of its DESCRIPTION and X-COMITY-CLASSIFICATION.
public struct CalendarFeed: Sendable {
    /// One all-day entry.
    public struct Entry: Sendable, Hashable {
        public var uid: String
        public var start: CalendarDate
        /// Last day, inclusive.
        public var end: CalendarDate
        public var summary: String
        public var description: String
        public var location: String
        public var categories: String
        /// The revision: how many recorded changes could have moved the date (RFC 5545 SEQUENCE).
        public var sequence: Int = 0
        /// The day the last change to the event was recorded (RFC 5545 LAST-MODIFIED, at midnight UTC).
        public var lastModified: CalendarDate
        /// The mark of what the event names.
        public var classification: Classification = .unclassified
    }

    public var entries: [Entry]
    /// DTSTAMP of every event: the session's today at midnight UTC, for reproducible output.
    public var stamp: CalendarDate
    /// The highest classification of the requests whose dates the feed carries.
    public var classification: Classification
    /// Outstanding requests above the reader's clearance whose dates were left out.
    public var withheld: Int

    public init(entries: [Entry], stamp: CalendarDate, classification: Classification = .unclassified, withheld: Int = 0) {
        self.entries = entries
        self.stamp = stamp
        self.classification = classification
        self.withheld = withheld
    }

    /// The clock kinds that become calendar entries.
    static let clockKinds: [RequestClock.Kind] = [.response, .promise, .followUp, .limitation, .preservation]

    static func uidKind(_ kind: RequestClock.Kind) -> String {
        switch kind {
        case .response: return "response"
        case .promise: return "promise"
        case .followUp: return "follow-up"
        case .limitation: return "limitation"
        case .preservation: return "preservation"
        case .veryOverdue: return "very-overdue"
        case .engagement: return "engagement"
        }
    }

    /// The feed as text: CRLF line ends, lines folded at 75 octets.
    public var ics: String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Comity//Interchange//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        // The mark travels in the calendar's name, which every calendar program shows, and in
        // properties of its own for programs that read them.
        let mark = classification.markEnglish
        lines += [
            "X-WR-CALNAME:" + Self.escape("Comity deadlines (\(mark))"),
            "X-WR-CALDESC:" + Self.escape("\(mark). \(withheld) request(s) above the reader's clearance withheld."),
            "X-COMITY-CLASSIFICATION:" + mark,
            "X-COMITY-WITHHELD:\(withheld)",
        ]
        let dtstamp = Self.basic(stamp) + "T000000Z"
        for entry in entries {
            let mark = entry.classification.markEnglish
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.escape(entry.uid),
                "DTSTAMP:" + dtstamp,
                "LAST-MODIFIED:" + Self.basic(min(entry.lastModified, stamp)) + "T000000Z",
                "SEQUENCE:\(entry.sequence)",
                "DTSTART;VALUE=DATE:" + Self.basic(entry.start),
                "DTEND;VALUE=DATE:" + Self.basic(entry.end.adding(days: 1)),
                "SUMMARY:" + Self.escape(entry.summary),
                "CLASS:" + Self.accessClass(entry.classification),
                "X-COMITY-CLASSIFICATION:" + mark,
                "DESCRIPTION:" + Self.escape(entry.description.isEmpty ? mark : mark + "\n" + entry.description),
            ]
            if !entry.location.isEmpty { lines.append("LOCATION:" + Self.escape(entry.location)) }
            if !entry.categories.isEmpty { lines.append("CATEGORIES:" + Self.escape(entry.categories)) }
            lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 5545 CLASS: what a calendar program may show others of the event.
    static func accessClass(_ classification: Classification) -> String {
        switch classification {
        case .unclassified: return "PUBLIC"
        case .restricted: return "PRIVATE"
        case .confidential, .secret: return "CONFIDENTIAL"
        }
    }

    static func basic(_ date: CalendarDate) -> String { date.iso.replacingOccurrences(of: "-", with: "") }

    /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                // Other control characters are not allowed in TEXT.
                if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Folds a content line so no physical line exceeds 75 octets, never splitting a UTF-8 sequence.
    public static func fold(_ line: String) -> String {
        var result = ""
        var current = 0
        var limit = 75
        for character in line.unicodeScalars {
            let size = String(character).utf8.count
            if current + size > limit {
                result += "\r\n "
                current = 1
                limit = 75
            }
            result.unicodeScalars.append(character)
            current += size
        }
        return result
    }
}

extension ComityStore {
    /// Builds the feed: engagements overlapping the range and every dated clock of requests
    /// outstanding on `today`, optionally only with one counterpart.
    /// Requests above `clearance` are left out and only counted.
    public func calendarFeed(
        today: CalendarDate, from: CalendarDate? = nil, to: CalendarDate? = nil, counterpart: String? = nil,
        clearance: Classification = .secret
    ) throws(ComityError) -> CalendarFeed {
        if let from, let to, to < from {
            throw .invalid("--to \(to.iso) is before --from \(from.iso); give a range that runs forward")
        }
        func inRange(_ start: CalendarDate, _ end: CalendarDate) -> Bool {
            if let from, end < from { return false }
            if let to, start > to { return false }
            return true
        }
        var entries: [CalendarFeed.Entry] = []
        let revisions = try calendarRevisions(today: today)
        for engagement in try engagements(counterpart: counterpart) where inRange(engagement.startDate, engagement.endDate) {
            let revision = revisions.engagement(engagement.id, default: today)
            entries.append(CalendarFeed.Entry(
                uid: "engagement-\(engagement.id)@comity", start: engagement.startDate, end: engagement.endDate,
                summary: engagement.title, description: [engagement.level.rawValue, engagement.note].filter { !$0.isEmpty }.joined(separator: "\n"),
                location: engagement.place, categories: "engagement", sequence: revision.sequence, lastModified: revision.lastModified))
        }
        let scope = StallScope(asOf: today, counterpart: counterpart, includeNotStalled: true, clearance: clearance)
        var classification = Classification.unclassified
        for assessment in try assessments(scope) {
            for clock in assessment.clocks where CalendarFeed.clockKinds.contains(clock.kind) && clock.status != .met {
                guard let due = clock.due, inRange(due, due) else { continue }
                classification = max(classification, assessment.classification)
                let kind = CalendarFeed.uidKind(clock.kind)
                let revision = revisions.request(assessment.reference, caseID: assessment.caseID, default: today)
                entries.append(CalendarFeed.Entry(
                    uid: "\(kind)-\(assessment.reference)@comity", start: due, end: due,
                    summary: "\(clock.title): \(assessment.reference) (\(assessment.counterpart)) \(assessment.subject)",
                    description: [clock.rule, "Case \(assessment.caseID): \(assessment.caseTitle)", "To \(assessment.toAuthorityName)", "State \(assessment.state.rawValue)"]
                        .joined(separator: "\n"),
                    location: "", categories: kind, sequence: revision.sequence, lastModified: revision.lastModified,
                    classification: assessment.classification))
            }
        }
        entries.sort { ($0.start, $0.uid) < ($1.start, $1.uid) }
        return CalendarFeed(entries: entries, stamp: today, classification: classification, withheld: try withheldCount(scope))
    }
}
