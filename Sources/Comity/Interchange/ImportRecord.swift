/// What entered the database, from which file, in which form and how much: the content of
/// the audit event an import leaves.
public struct ImportRecord: Sendable, Hashable {
    /// json, csv or xml.
    public var format: String
    /// The file (or folder of CSV files) read.
    public var source: String
    public var summary: ImportSummary

    public init(format: String, source: String, summary: ImportSummary) {
        self.format = format
        self.source = source
        self.summary = summary
    }

    /// The event's note, e.g. `json import from /srv/in/export.json: 57 records inserted, 2 replaced, 0 skipped as identical`.
    public var note: String {
        let inserted = summary.inserted == 1 ? "1 record" : "\(summary.inserted) records"
        return "\(format) import from \(ExportRecord.shown(source)): \(inserted) inserted, \(summary.replaced) replaced, "
            + "\(summary.skipped) skipped as identical"
    }
}
