import CLibXML2

/// A libxml2 document read from untrusted text with every dangerous feature off; frees itself.
///
/// Options: no network, no entity substitution, no DTD loading, hard-coded
/// limits kept (no `XML_PARSE_HUGE`), strict (no recovery). On top of that,
/// SAX hooks stop the parser at the first entity declaration, at an external
/// DTD reference and past the depth limit, before anything is expanded.
final class SafeXMLDocument {
    let pointer: xmlDocPtr

    /// libxml2 refuses nesting beyond this without `XML_PARSE_HUGE`, which stays off.
    static let libxmlDepthCeiling = 256

    private static let options: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_IGNORE_ENC.rawValue
    )

    /// Parses `xml`; the caller's `maxBytes` and `maxDepth` are enforced before and during parsing.
    init(_ xml: String, documentName: String, maxBytes: Int, maxDepth: Int) throws(XMLParseError) {
        LibXML.ensureInitialised()
        let size = xml.utf8.count
        guard size <= maxBytes else {
            throw .tooLarge(documentName: documentName, bytes: size, limit: maxBytes)
        }
        guard size <= Int(Int32.max) else {
            throw .tooLarge(documentName: documentName, bytes: size, limit: Int(Int32.max))
        }
        guard size > 0 else { throw .empty(documentName: documentName) }

        let session = ParseSession(documentName: documentName, maxDepth: min(maxDepth, Self.libxmlDepthCeiling))
        var text = xml
        let document: xmlDocPtr? = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                Self.parse(chars, session: session)
            }
        }
        if let refusal = session.refusal {
            if let document { xmlFreeDoc(document) }
            throw refusal
        }
        guard let document, session.collector.problems.isEmpty else {
            if let document { xmlFreeDoc(document) }
            throw .malformed(documentName: documentName, problems: session.collector.problems)
        }
        pointer = document
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The root element; a well-formed document always has one.
    var root: xmlNodePtr? { xmlDocGetRootElement(pointer) }

    private static func parse(_ chars: UnsafeBufferPointer<CChar>, session: ParseSession) -> xmlDocPtr? {
        guard let context = xmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else {
            session.collector.add(line: 0, message: "libxml2 could not create a parser context")
            return nil
        }
        defer { xmlFreeParserCtxt(context) }
        _ = xmlCtxtUseOptions(context, options)
        // Process-wide libxml2 defaults can be changed by any library, so the safe settings are pinned here too.
        context.pointee.replaceEntities = 0
        context.pointee.loadsubset = 0
        context.pointee.validate = 0
        context.pointee.recovery = 0
        context.pointee.linenumbers = 1
        context.pointee._private = Unmanaged.passUnretained(session).toOpaque()
        installHooks(context.pointee.sax)

        let status = withExtendedLifetime(session) { xmlParseDocument(context) }
        let document = context.pointee.myDoc
        context.pointee.myDoc = nil
        if status != 0 || context.pointee.wellFormed == 0, session.collector.problems.isEmpty, session.refusal == nil {
            session.collector.add(line: Int(context.pointee.input?.pointee.line ?? 0), message: "the document is not well-formed XML")
        }
        return document
    }

    /// The context's SAX handler is its own copy, so changing it affects only this parse.
    private static func installHooks(_ sax: UnsafeMutablePointer<xmlSAXHandler>?) {
        guard let sax else { return }
        // libxml2 calls `serror` with the parser context as user data.
        sax.pointee.serror = { userData, error in
            guard let session = ParseSession.from(userData), let error else { return }
            session.collector.add(error)
        }
        sax.pointee.entityDecl = { userData, name, _, _, _, _ in
            guard let session = ParseSession.from(userData) else { return }
            let entity = name.map { String(cString: $0) } ?? "?"
            session.refuse(userData, .entityDeclaration(documentName: session.documentName, line: session.line(userData), entity: entity))
        }
        sax.pointee.internalSubset = { userData, name, externalID, systemID in
            guard let session = ParseSession.from(userData) else { return }
            if externalID != nil || systemID != nil {
                let id = (systemID ?? externalID).map { String(cString: $0) } ?? ""
                session.refuse(userData, .externalDTD(documentName: session.documentName, line: session.line(userData), systemID: id))
                return
            }
            xmlSAX2InternalSubset(userData, name, externalID, systemID)
        }
        sax.pointee.startElementNs = { userData, local, prefix, uri, nsCount, namespaces, attributeCount, defaulted, attributes in
            guard let session = ParseSession.from(userData), let userData else { return }
            // `nameNr` counts the open ancestors; this element is one deeper.
            let depth = Int(userData.assumingMemoryBound(to: xmlParserCtxt.self).pointee.nameNr) + 1
            if depth > session.maxDepth {
                session.refuse(userData, .tooDeep(documentName: session.documentName, line: session.line(userData), limit: session.maxDepth))
                return
            }
            xmlSAX2StartElementNs(userData, local, prefix, uri, nsCount, namespaces, attributeCount, defaulted, attributes)
        }
    }
}

/// The state of one parse, reached from libxml2 callbacks through the context's `_private`.
private final class ParseSession {
    let documentName: String
    let maxDepth: Int
    let collector: XMLProblemCollector
    private(set) var refusal: XMLParseError?

    init(documentName: String, maxDepth: Int) {
        self.documentName = documentName
        self.maxDepth = maxDepth
        self.collector = XMLProblemCollector(documentName: documentName)
    }

    static func from(_ userData: UnsafeMutableRawPointer?) -> ParseSession? {
        guard let context = userData?.assumingMemoryBound(to: xmlParserCtxt.self),
              let raw = context.pointee._private else { return nil }
        return Unmanaged<ParseSession>.fromOpaque(raw).takeUnretainedValue()
    }

    func line(_ userData: UnsafeMutableRawPointer?) -> Int {
        Int(userData?.assumingMemoryBound(to: xmlParserCtxt.self).pointee.input?.pointee.line ?? 0)
    }

    /// Keeps the first reason and stops libxml2 before it acts on the offending construct.
    func refuse(_ userData: UnsafeMutableRawPointer?, _ reason: XMLParseError) {
        if refusal == nil { refusal = reason }
        xmlStopParser(userData?.assumingMemoryBound(to: xmlParserCtxt.self))
    }
}
