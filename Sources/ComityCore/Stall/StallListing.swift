/// The stall report for scripts: every finding in reference order, then the summary.
///
/// This is the shape of `comity report stall --format json`. It is written as it is
/// computed (see `ComityStore.writeStallListing`), one finding per line, so a report over
/// a million requests never sits in memory; the grouped `StallReport` is for documents
/// people read.
public struct StallListing: Codable, Sendable {
    public var asOf: CalendarDate
    public var engagement: StallReport.Brief?
    public var findings: [Assessment]
    public var scope: StallReport.Scope
    public var title: String
    public var summary: StallReport.Summary
    /// The highest classification of any finding.
    public var classification: Classification
    /// Findings left out because they are above the reader's clearance.
    public var withheld: Int
    /// In a brief: both directions with the engagement's counterpart, and the balance.
    public var ledger: StallReport.Ledger?
}
