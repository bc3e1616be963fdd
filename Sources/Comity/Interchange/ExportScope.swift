/// Which part of the database an export covers, and for whom: a case, a counterpart, both or
/// neither (the whole database), less what is above the reader's clearance.
public struct ExportScope: Sendable, Hashable {
    public var caseID: String?
    public var counterpart: String?
    public var clearance: Classification

    public init(caseID: String? = nil, counterpart: String? = nil, clearance: Classification = .secret) {
        self.caseID = caseID
        self.counterpart = counterpart
        self.clearance = clearance
    }
}

/// What an export held once written: its records, how many were withheld, and its mark.
public struct ExportTally: Sendable, Hashable {
    public var records: Int
    public var withheld: Int
    public var classification: Classification

    public init(records: Int, withheld: Int, classification: Classification) {
        self.records = records
        self.withheld = withheld
        self.classification = classification
    }
}
