import CLibXML2

/// One problem libxml2 reported about a document, with the line it concerns.
public struct XMLProblem: Sendable, Equatable, CustomStringConvertible {
    /// The name the caller gave the document, e.g. `report.xml`.
    public let documentName: String
    /// The 1-based line the problem was found on, or 0 when libxml2 gave none.
    public let line: Int
    /// libxml2's message, without its trailing newline.
    public let message: String

    public init(documentName: String, line: Int, message: String) {
        self.documentName = documentName
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(documentName) line \(line): \(message)" : "\(documentName): \(message)"
    }
}

extension Array where Element == XMLProblem {
    /// All problems, one per line, so a clerk can work through them in order.
    var listed: String { map(\.description).joined(separator: "\n") }
}

/// Collects the errors of one libxml2 operation.
///
/// An instance belongs to exactly one call, and libxml2 reaches it through the
/// context pointer of its callback, so concurrent calls never share state.
final class XMLProblemCollector {
    let documentName: String
    private(set) var problems: [XMLProblem] = []

    init(documentName: String) {
        self.documentName = documentName
    }

    func add(line: Int, message: String) {
        problems.append(XMLProblem(documentName: documentName, line: line, message: message))
    }

    func add(_ error: UnsafePointer<xmlError>) {
        // Warnings are advice, not reasons to refuse a document.
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let text = error.pointee.message.map { String(cString: $0) } ?? "unknown libxml2 error (code \(error.pointee.code))"
        add(line: Int(error.pointee.line), message: text.trimmingTrailingWhitespace())
    }
}

/// Process-wide libxml2 set-up.
enum LibXML {
    /// `xmlInitParser` is not safe to race on first use; a Swift global is initialised exactly once.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    static func ensureInitialised() {
        _ = initialised
    }

    /// The libxml2 version Comity was compiled against, e.g. `2.9.14`.
    static var version: String { String(cString: comity_libxml_dotted_version()) }
}

extension String {
    fileprivate func trimmingTrailingWhitespace() -> String {
        var result = Substring(self)
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }
}
