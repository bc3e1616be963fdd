/// An export as it leaves the database: its tables, and how many records were withheld
/// because they were above the reader's clearance.
public struct InterchangeExport: Sendable {
    public var tables: [InterchangeTableData]
    /// Records left out for the clearance (cases, requests and everything hanging on them).
    public var withheld: Int

    public init(tables: [InterchangeTableData], withheld: Int) {
        self.tables = tables
        self.withheld = withheld
    }

    /// The highest classification of what the export holds: the level of its mark.
    public var classification: Classification { Self.classification(of: tables) }

    /// The highest classification among the classified tables' rows (cases, requests, replies, letters).
    public static func classification(of tables: [InterchangeTableData]) -> Classification {
        var highest = Classification.unclassified
        for data in tables {
            guard let column = data.columns.firstIndex(where: { $0.name == "classification" }) else { continue }
            for row in data.rows {
                if case .text(let text) = row[column], let level = Classification(rawValue: text) { highest = max(highest, level) }
            }
        }
        return highest
    }
}
