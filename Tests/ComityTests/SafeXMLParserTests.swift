import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

@Suite struct SafeXMLParserTests {
    let parser = SafeXMLParser(maxBytes: 1 << 20)

    @Test func parsesANormalDocumentWithLines() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- exported by the registry -->
            <requests xmlns:c="urn:comity">
              <request id="A-1" state="open" c:origin="FR">
                <title>Freezing &amp; seizure <![CDATA[<of assets>]]></title>
                <party role="requesting"/>
              </request>
            </requests>
            """
        let root = try parser.parse(xml, documentName: "import.xml")
        #expect(root.name == "requests" && root.line == 3)
        let request = try #require(root.children.first)
        #expect(request.line == 4)
        #expect(request.attributes.map(\.name) == ["id", "state", "c:origin"])
        #expect(request.attributes.map(\.value) == ["A-1", "open", "FR"])
        #expect(request.children.map(\.name) == ["title", "party"])
        #expect(request.children[0].text == "Freezing & seizure <of assets>" && request.children[0].line == 5)
        #expect(request.children[1].attribute("role") == "requesting" && request.children[1].line == 6)
    }

    @Test func refusesBillionLaughs() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <lolz>&lol3;</lolz>
            """
        #expect(throws: XMLParseError.entityDeclaration(documentName: "lol.xml", line: 3, entity: "lol")) {
            try parser.parse(xml, documentName: "lol.xml")
        }
    }

    @Test func refusesExternalEntities() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r>&x;</r>"
        let error = #expect(throws: XMLParseError.self) { try parser.parse(xml, documentName: "xxe.xml") }
        guard case .entityDeclaration(_, 2, "x") = error else { Issue.record("unexpected \(String(describing: error))"); return }
        let dtd = "<!DOCTYPE r SYSTEM \"http://example.invalid/evil.dtd\">\n<r/>"
        #expect(throws: XMLParseError.externalDTD(documentName: "dtd.xml", line: 1, systemID: "http://example.invalid/evil.dtd")) {
            try parser.parse(dtd, documentName: "dtd.xml")
        }
    }

    @Test func acceptsADoctypeWithoutEntities() throws {
        let root = try parser.parse("<!DOCTYPE r [<!ELEMENT r (#PCDATA)>]>\n<r>ok</r>", documentName: "d.xml")
        #expect(root.text == "ok" && root.line == 2)
    }

    @Test func refusesDeepNesting() {
        let xml = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        #expect(throws: XMLParseError.tooDeep(documentName: "deep.xml", line: 1, limit: 256)) {
            try parser.parse(xml, documentName: "deep.xml")
        }
        let shallow = SafeXMLParser(maxBytes: 1 << 20, maxDepth: 3)
        #expect(throws: XMLParseError.tooDeep(documentName: "d.xml", line: 4, limit: 3)) {
            try shallow.parse("<a>\n<b>\n<c>\n<d/></c></b></a>", documentName: "d.xml")
        }
        let ok = String(repeating: "<a>", count: 256) + String(repeating: "</a>", count: 256)
        #expect(throws: Never.self) { try parser.parse(ok, documentName: "ok.xml") }
    }

    @Test func refusesMalformedXMLWithLines() {
        let error = #expect(throws: XMLParseError.self) { try parser.parse("<a>\n<b>\n</a>", documentName: "bad.xml") }
        guard case let .malformed(name, problems) = error else { Issue.record("unexpected \(String(describing: error))"); return }
        #expect(name == "bad.xml" && !problems.isEmpty)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.description.hasPrefix("bad.xml line 3: ") == true)
    }

    @Test func refusesOversizedAndEmptyInput() {
        #expect(throws: XMLParseError.tooLarge(documentName: "big.xml", bytes: 11, limit: 10)) {
            try SafeXMLParser(maxBytes: 10).parse("<a>12345</a>".dropLast().description, documentName: "big.xml")
        }
        #expect(throws: XMLParseError.empty(documentName: "e.xml")) { try parser.parse("", documentName: "e.xml") }
        #expect(throws: XMLParseError.self) { try parser.parse("<a>&undefined;</a>", documentName: "u.xml") }
    }
}
