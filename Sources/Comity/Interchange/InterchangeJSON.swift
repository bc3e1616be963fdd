/// The JSON export: one object per table, one record per line, keys in column order.
///
/// `InterchangeJSONWriter` writes it and `InterchangeJSONReader` reads it, a record at a
/// time; these two read and write a whole document in memory.
public enum InterchangeJSON {
    public static let formatName = "comity-export"
    public static let version = 1

    /// The whole export as text; the same database always gives the same bytes. The header
    /// carries the classification of the highest record and the number withheld for clearance.
    public static func encode(_ tables: [InterchangeTableData], withheld: Int = 0) -> String {
        var bytes: [UInt8] = []
        var writer = InterchangeJSONWriter<Never> { more in bytes += more }
        writer.write(tables, withheld: withheld)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads an export; every problem goes into the dataset's problems, never thrown.
    public static func decode(_ text: String, file: String) -> InterchangeDataset {
        var dataset = InterchangeDataset(file: file)
        var reader = InterchangeJSONReader(ImportByteStream(text: text), file: file)
        do {
            try reader.read(table: { _ in }) { place, fields in
                dataset.records[place.table.label, default: []].append(InterchangeRecord(location: place.location, fields: fields))
            }
            dataset.problems = reader.problems
        } catch let unreadable as InterchangeJSONReader.Unreadable {
            dataset.records = [:]
            dataset.problems = [unreadable.problem]
        } catch {
            // Text in memory is never refused as a file would be (size, encoding).
            dataset.records = [:]
            dataset.problems = [InterchangeProblem(file: file, location: "document", message: "\(error)")]
        }
        return dataset
    }
}
