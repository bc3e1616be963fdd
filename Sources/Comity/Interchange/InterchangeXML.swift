import Foundation

/// The XML export, valid against templates/schemas/export.xsd: one element per table,
/// one `<row>` per record, one element per field; an absent element is an absent value.
public enum InterchangeXML {
    public static let namespace = "urn:comity:export:1"

    /// The export as XML; the root carries the classification of the highest record and the number withheld.
    public static func encode(_ tables: [InterchangeTableData], withheld: Int = 0) -> String {
        var bytes: [UInt8] = []
        var writer = InterchangeXMLWriter<Never> { more in bytes += more }
        writer.write(tables, withheld: withheld)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads an XML export: parsed with `SafeXMLParser`, checked against the schema at
    /// `schemaPath`; every problem is collected with its line, never thrown.
    public static func decode(
        _ text: String, file: String, schemaPath: String, limit: Int = InterchangeFile.defaultLimit
    ) throws(ComityError) -> InterchangeDataset {
        let schema: XMLSchema
        do { schema = try XMLSchema(path: schemaPath, parser: SafeXMLParser(maxBytes: limit)) } catch {
            throw .document(error.description)
        }
        return decode(text, file: file, schema: schema)
    }

    /// Reads an XML export against a schema compiled once, for callers that read many
    /// documents (compiling the XSD costs far more than checking one small file).
    public static func decode(_ text: String, file: String, schema: XMLSchema) -> InterchangeDataset {
        var dataset = InterchangeDataset(file: file)
        dataset.format = "xml"
        let root: XMLNode
        do {
            root = try schema.parser.parse(text, documentName: file)
        } catch {
            let problems = XMLValidationError.unreadable(error).problems
            if problems.isEmpty {
                dataset.problems.append(InterchangeProblem(file: file, location: "document", message: error.description))
            }
            for problem in problems {
                dataset.problems.append(InterchangeProblem(file: file, location: "line \(problem.line)", message: problem.message))
            }
            return dataset
        }
        do {
            try schema.validate(text, documentName: file)
        } catch {
            for problem in error.problems {
                dataset.problems.append(InterchangeProblem(file: file, location: "line \(problem.line)", message: problem.message))
            }
            if error.problems.isEmpty {
                dataset.problems.append(InterchangeProblem(file: file, location: "document", message: error.description))
            }
            return dataset
        }
        for element in root.children {
            guard let table = InterchangeTable.labelled(element.name) else { continue }
            dataset.records[table.label] = element.children.map { row in
                InterchangeRecord(location: "line \(row.line)", fields: row.children.map { ($0.name, .text($0.text)) })
            }
        }
        return dataset
    }
}
