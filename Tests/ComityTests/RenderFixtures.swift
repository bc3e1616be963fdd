import Foundation
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// A throwaway template folder for one test, removed when the test drops it.
final class TemplateFolder {
    let url: URL

    init(_ files: [String: String] = RenderFixtures.letterTemplates) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("comity-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func link(_ path: String, to target: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: target)
    }

    func library(_ output: OutputKind = .html) throws -> TemplateLibrary {
        try TemplateLibrary(directory: url, output: output)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Templates and documents shared by the rendering tests, kept in Swift so the test target has no loose files.
enum RenderFixtures {
    static let letterTemplates: [String: String] = [
        "en/letter/note-verbale.mustache": """
            <!DOCTYPE html>
            <html lang="en">
            {{> en/common/header}}
            <body>
              <p class="ref">Our reference: {{reference}}{{#counterpartReference}} / Your reference: {{counterpartReference}}{{/counterpartReference}}</p>
              <p>The {{sender.ministry}} of {{sender.country}} presents its compliments to the {{recipient.ministry}} of {{recipient.country}}
              and has the honour to refer to the request for mutual legal assistance concerning {{subject}}.</p>
              {{#urgent}}<p class="urgent">This request is urgent: a hearing is scheduled for {{hearingDate}}.</p>{{/urgent}}
              {{^urgent}}<p>No hearing date has been set.</p>{{/urgent}}
              <ol>
              {{#measures}}
                <li>{{title}} ({{article}}){{#note}}: {{note}}{{/note}}</li>
              {{/measures}}
              </ol>
              {{^measures}}<p>No measures are requested.</p>{{/measures}}
              <p>Enclosures: {{#enclosures}}{{.}}{{^last()}}, {{/last()}}{{/enclosures}}</p>
              <p>The {{sender.ministry}} avails itself of this opportunity to renew to the {{recipient.ministry}} the assurances of its highest consideration.</p>
              <p class="place">{{sender.city}}, {{dateText}}</p>
            </body>
            </html>

            """,
        "en/common/header.mustache": """
            <head><meta charset="utf-8"><title>Note verbale {{reference}}</title></head>

            """,
        "en/letter/brief.mustache": "<p>{{subject}}</p>\n",
    ]

    static let letterContext: [String: TemplateValue] = [
        "reference": "MLA/2024/0117",
        "counterpartReference": "",
        "sender": ["ministry": "Ministry of Justice", "country": "Freedonia", "city": "Fredonia City"],
        "recipient": ["ministry": "Federal Office of Justice", "country": "Sylvania"],
        "subject": "the freezing of accounts held by Acme Holdings Ltd",
        "urgent": true,
        "hearingDate": "14 March 2025",
        "measures": [
            ["title": "Production of bank records", "article": "Art. 18", "note": "accounts 1 to 4"],
            ["title": "Hearing of a witness", "article": "Art. 9", "note": ""],
        ],
        "enclosures": ["Request form", "Court order", "Translation"],
        "dateText": "3 February 2025",
    ]

    /// Values crafted to break markup if escaping or sanitising failed.
    static let hostile: [String] = [
        "<script>alert(1)</script>", "&", "&amp;", "\"quotes\"", "'apos'", "]]>", "\u{202E}evil\u{202C}",
        "🏛️👩🏽‍⚖️", "漢字", "nul\u{0}byte", "bell\u{7}\u{1B}[0m", "\u{FFFE}\u{FFFF}", "tab\there\r\nnew",
    ]

    static let reportSchema = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
          <xs:element name="report">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="request" type="xs:string"/>
                <xs:element name="finding" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:simpleContent>
                      <xs:extension base="xs:string">
                        <xs:attribute name="severity" use="required">
                          <xs:simpleType>
                            <xs:restriction base="xs:string">
                              <xs:enumeration value="low"/>
                              <xs:enumeration value="high"/>
                            </xs:restriction>
                          </xs:simpleType>
                        </xs:attribute>
                      </xs:extension>
                    </xs:simpleContent>
                  </xs:complexType>
                </xs:element>
                <xs:element name="daysStalled" type="xs:nonNegativeInteger"/>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """

    static let validReport = """
        <?xml version="1.0" encoding="UTF-8"?>
        <report>
          <request>MLA/2024/0117</request>
          <finding severity="high">No answer after two reminders</finding>
          <daysStalled>93</daysStalled>
        </report>
        """

    /// Three problems on lines 4, 5 and 6.
    static let brokenReport = """
        <?xml version="1.0" encoding="UTF-8"?>
        <report>
          <request>MLA/2024/0117</request>
          <finding>No answer after two reminders</finding>
          <finding severity="extreme">Contact lost</finding>
          <daysStalled>-4</daysStalled>
        </report>
        """
}
