import CLibXML2
import Foundation

/// An XSD compiled once and shared by any number of concurrent validations.
///
/// libxml2 keeps all per-validation state in a validation context, so the
/// compiled schema is read-only after `init`; each `validate` call makes its
/// own context and collects its own errors.
public final class XMLSchema: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    /// The path the schema was compiled from, for messages.
    public let path: String
    /// Limits applied while reading documents before validating them.
    public let parser: SafeXMLParser

    /// Compiles the XSD at `path`; fails, naming the file, if it is missing or invalid.
    public init(path: String, parser: SafeXMLParser = SafeXMLParser(maxBytes: 16 << 20)) throws(XMLValidationError) {
        LibXML.ensureInitialised()
        self.path = path
        self.parser = parser
        let name = (path as NSString).lastPathComponent
        let collector = XMLProblemCollector(documentName: name)
        guard FileManager.default.isReadableFile(atPath: path) else {
            collector.add(line: 0, message: "the file does not exist or cannot be read")
            throw .unusableSchema(path: path, problems: collector.problems)
        }
        guard let parserContext = xmlSchemaNewParserCtxt(path) else {
            throw .unusableSchema(path: path, problems: collector.problems)
        }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        let compiled: xmlSchemaPtr? = withExtendedLifetime(collector) {
            xmlSchemaSetParserStructuredErrors(parserContext, Self.collect, Unmanaged.passUnretained(collector).toOpaque())
            return xmlSchemaParse(parserContext)
        }
        guard let compiled, collector.problems.isEmpty else {
            if let compiled { xmlSchemaFree(compiled) }
            throw .unusableSchema(path: path, problems: collector.problems)
        }
        schema = compiled
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// The libxml2 version Comity was compiled against, e.g. `2.9.14`, for diagnostics.
    public static var libxmlVersion: String { LibXML.version }

    /// Checks `xml` against the schema; on failure lists every problem with its line.
    public func validate(_ xml: String, documentName: String) throws(XMLValidationError) {
        let document: SafeXMLDocument
        do {
            document = try SafeXMLDocument(xml, documentName: documentName, maxBytes: parser.maxBytes, maxDepth: parser.maxDepth)
        } catch {
            throw .unreadable(error)
        }
        let collector = XMLProblemCollector(documentName: documentName)
        guard let context = xmlSchemaNewValidCtxt(schema) else {
            collector.add(line: 0, message: "libxml2 could not create a validation context")
            throw .invalid(documentName: documentName, problems: collector.problems)
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let status = withExtendedLifetime((collector, document)) {
            xmlSchemaSetValidStructuredErrors(context, Self.collect, Unmanaged.passUnretained(collector).toOpaque())
            return xmlSchemaValidateDoc(context, document.pointer)
        }
        if status != 0 || !collector.problems.isEmpty {
            if collector.problems.isEmpty {
                collector.add(line: 0, message: "libxml2 stopped validating with internal error \(status)")
            }
            throw .invalid(documentName: documentName, problems: collector.problems)
        }
    }

    /// Receives each error with the collector of the call that caused it.
    private static let collect: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        Unmanaged<XMLProblemCollector>.fromOpaque(userData).takeUnretainedValue().add(error)
    }
}
