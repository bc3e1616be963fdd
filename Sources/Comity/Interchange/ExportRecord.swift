/// What left the database, in which form, how much and where to: the content of an audit event.
public struct ExportRecord: Sendable, Hashable {
    /// The command that let the data out.
    public enum Kind: String, Sendable {
        case export, calendar, backup
    }

    public var kind: Kind
    /// json, csv, xml, ics or sqlite.
    public var format: String
    public var caseID: String?
    public var counterpart: String?
    /// The dates a calendar feed was limited to.
    public var from: CalendarDate?
    public var to: CalendarDate?
    /// Rows exported, calendar entries, or rows in the backup.
    public var records: Int
    /// The file or folder written, as an absolute path; nil for standard output.
    public var destination: String?
    /// The clearance the export was made for; nil where none applies (a backup copies everything).
    public var clearance: Classification?
    /// Records (or, for a calendar, requests) left out as above the clearance.
    public var withheld: Int

    public init(
        kind: Kind, format: String, caseID: String? = nil, counterpart: String? = nil, from: CalendarDate? = nil,
        to: CalendarDate? = nil, records: Int, destination: String?, clearance: Classification? = nil, withheld: Int = 0
    ) {
        self.clearance = clearance
        self.withheld = withheld
        self.kind = kind
        self.format = format
        self.caseID = caseID
        self.counterpart = counterpart
        self.from = from
        self.to = to
        self.records = records
        self.destination = destination
    }

    /// The record the event belongs to: the case or counterpart exported, else the database.
    var subject: (type: Event.Subject, id: String) {
        if let caseID { return (.case, caseID) }
        if let counterpart { return (.party, counterpart) }
        return (.database, "database")
    }

    /// The event's note, e.g. `json export of case MHI-2011: 57 records to /srv/out/mhi.json, cleared to restricted, 0 withheld`.
    public var note: String {
        let what: String
        switch kind {
        case .export: what = "\(format) export"
        case .calendar: what = "calendar feed (\(format))"
        case .backup: what = "backup (\(format))"
        }
        var scope: [String] = []
        if let caseID { scope.append("case \(caseID)") }
        if let counterpart { scope.append("counterpart \(counterpart)") }
        if let from { scope.append("from \(from.iso)") }
        if let to { scope.append("to \(to.iso)") }
        let unit = kind == .calendar ? (records == 1 ? "entry" : "entries") : (records == 1 ? "record" : "records")
        let target = destination.map(Self.shown) ?? "standard output"
        let cleared = clearance.map { ", cleared to \($0.rawValue), \(withheld) withheld" } ?? ""
        return "\(what) of \(scope.isEmpty ? "the whole database" : scope.joined(separator: ", ")): \(records) \(unit) to \(target)\(cleared)"
    }

    /// A path as the history shows it: control characters replaced, so a line stays one line,
    /// and noncharacters too, so the history can be exported.
    static func shown(_ path: String) -> String {
        String(String.UnicodeScalarView(path.unicodeScalars.prefix(1000).map {
            $0.properties.generalCategory == .control || !TextRule.allows($0) ? "?" : $0
        }))
    }
}
