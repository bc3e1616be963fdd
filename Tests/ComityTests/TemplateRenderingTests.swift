import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

@Suite struct TemplateRenderingTests {
    @Test func rendersTheLetterWithPartialsSectionsAndLists() throws {
        let folder = try TemplateFolder()
        let html = try folder.library().render(RenderFixtures.letterContext, template: "en/letter/note-verbale")
        #expect(html.contains("<title>Note verbale MLA/2024/0117</title>"))
        #expect(html.contains("Our reference: MLA/2024/0117</p>"), "empty text is falsy, so the counterpart part is skipped")
        #expect(html.contains("The Ministry of Justice of Freedonia presents"))
        #expect(html.contains("hearing is scheduled for 14 March 2025"))
        #expect(!html.contains("No hearing date"))
        #expect(html.contains("<li>Production of bank records (Art. 18): accounts 1 to 4</li>"))
        #expect(html.contains("<li>Hearing of a witness (Art. 9)</li>"))
        #expect(html.contains("Enclosures: Request form, Court order, Translation</p>"))
        #expect(!html.contains("nil"))
    }

    @Test func booleansAndEmptyValuesDriveSections() throws {
        let folder = try TemplateFolder(["t.mustache": "{{#yes}}Y{{/yes}}{{^yes}}y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}{{#items}}I{{/items}}{{^items}}i{{/items}}{{#count}}[{{count}}]{{/count}}"])
        let library = try folder.library()
        #expect(try library.render(["yes": true, "no": false, "items": [], "count": 0], template: "t") == "Yni[0]")
        #expect(try library.render(["yes": false, "no": true, "items": ["a", "b"], "count": 3], template: "t") == "yNII[3]")
    }

    @Test func dotInsideAListOfStrings() throws {
        let folder = try TemplateFolder(["t.mustache": "{{#names}}<{{.}}>{{/names}}"])
        #expect(try folder.library().render(["names": ["a&b", "c"]], template: "t") == "<a&amp;b><c>")
    }

    @Test(arguments: [OutputKind.html, .xml])
    func hostileValuesAreEscapedAndTheXMLStillParses(output: OutputKind) throws {
        let folder = try TemplateFolder(["doc.mustache": "<doc>{{#values}}<v title=\"{{.}}\" alt='{{.}}'>{{.}}</v>{{/values}}</doc>"])
        let values = TemplateValue.list(RenderFixtures.hostile.map(TemplateValue.text))
        let xml = try folder.library(output).render(["values": values], template: "doc")
        #expect(!xml.contains("<script>"))
        #expect(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(xml.contains("&amp;amp;"))
        #expect(xml.contains("&quot;quotes&quot;"))
        #expect(xml.contains("&#39;apos&#39;"))
        #expect(xml.contains("]]&gt;"))
        #expect(xml.contains("漢字") && xml.contains("🏛️👩🏽‍⚖️") && xml.contains("\u{202E}evil"))
        #expect(xml.contains("nulbyte") && xml.contains("bell[0m"), "control characters are removed")
        #expect(xml.contains("tab\there\r\nnew"), "tab, CR and LF are legal XML and kept")
        #expect(!xml.unicodeScalars.contains { !OutputKind.isXMLCharacter($0) })

        let root = try SafeXMLParser(maxBytes: 1 << 20).parse(xml, documentName: "doc.xml")
        #expect(root.children.count == RenderFixtures.hostile.count)
        #expect(root.children[0].text == "<script>alert(1)</script>")
        #expect(root.children[0].attribute("title") == "<script>alert(1)</script>")
        #expect(root.children[4].attribute("alt") == "'apos'")
        #expect(root.children[9].text == "nulbyte")
    }

    @Test(arguments: [OutputKind.html, .xml])
    func markupFollowedByACombiningMarkIsStillEscaped(output: OutputKind) throws {
        // "<" + U+0338 is one Character (canonically "≮"): escaping whole characters would let the "<" through.
        let folder = try TemplateFolder(["doc.mustache": "<doc a=\"{{value}}\">{{value}}</doc>"])
        let value = "<\u{338}b>\u{301} &\u{301} \"\u{338} '\u{301}"
        let xml = try folder.library(output).render(["value": .text(value)], template: "doc")
        #expect(xml == "<doc a=\"&lt;\u{338}b&gt;\u{301} &amp;\u{301} &quot;\u{338} &#39;\u{301}\">&lt;\u{338}b&gt;\u{301} &amp;\u{301} &quot;\u{338} &#39;\u{301}</doc>")
        let root = try SafeXMLParser(maxBytes: 1 << 20).parse(xml, documentName: "doc.xml")
        #expect(root.text == value && root.attribute("a") == value)
    }

    @Test func textOutputIsNotEscapedEvenInPartials() throws {
        let folder = try TemplateFolder([
            "mail.mustache": "{{#x}}\nSubject: {{subject}}\n{{/x}}\n{{> sig}}",
            "sig.mustache": "-- {{name}}",
        ])
        let text = try folder.library(.text).render(["x": true, "subject": "A & B <urgent>", "name": "O'Brien \"Legal\""], template: "mail")
        #expect(text == "Subject: A & B <urgent>\n-- O'Brien \"Legal\"")
        let nul = try folder.library(.text).render(["x": false, "subject": "", "name": "a\u{0}b"], template: "mail")
        #expect(nul == "-- a\u{0}b", "text output passes values through untouched")
    }

    @Test func missingKeyNamesTemplateAndKey() throws {
        let folder = try TemplateFolder()
        var context = RenderFixtures.letterContext
        context["counterpartReference"] = nil
        let error = try #require(throws: RenderError.self) {
            try folder.library().render(context, template: "en/letter/note-verbale")
        }
        #expect(error == .missingKeys(template: "en/letter/note-verbale", keys: ["counterpartReference"], partial: nil))
        #expect(error.description == "template en/letter/note-verbale refers to 'counterpartReference', which the document does not provide.")
    }

    @Test func missingKeyInsideAPartialNamesThePartial() throws {
        let folder = try TemplateFolder([
            "letter.mustache": "{{> parts/head}}\n{{body}}",
            "parts/head.mustache": "{{> parts/title}}",
            "parts/title.mustache": "<h1>{{title}}</h1>",
        ])
        let error = try #require(throws: RenderError.self) { try folder.library().render(["body": "b"], template: "letter") }
        #expect(error == .missingKeys(template: "letter", keys: ["title"], partial: "parts/title"))
        #expect(error.description == "template letter (in its partial parts/title) refers to 'title', which the document does not provide.")
    }

    @Test(arguments: [
        ("{{#flag}}x{{/flag}}", "flag"), ("{{^flag}}x{{/flag}}", "flag"), ("{{a.b}}", "a"),
        ("{{#list}}{{missing}}{{/list}}", "missing"), ("{{#obj}}{{inner}}{{/obj}}", "inner"),
    ])
    func everyKindOfMissReportsTheKey(template: String, key: String) throws {
        let folder = try TemplateFolder(["t.mustache": template])
        let context: [String: TemplateValue] = template.contains("list") ? ["list": ["x"]] : template.contains("obj") ? ["obj": ["other": 1]] : [:]
        let error = try #require(throws: RenderError.self) { try folder.library().render(context, template: "t") }
        #expect(error == .missingKeys(template: "t", keys: [key], partial: nil))
    }

    @Test func dottedNamesReportAMissingLaterPart() throws {
        let folder = try TemplateFolder(["t.mustache": "{{sender.name}} {{sender.title}} {{#sender}}{{name}}{{/sender}}{{a.b.c}}"])
        let library = try folder.library()
        let context: [String: TemplateValue] = ["sender": ["name": "Ana", "title": "Dr"], "a": ["b": ["c": "deep"]]]
        #expect(try library.render(context, template: "t") == "Ana Dr Anadeep")

        let missing: [String: TemplateValue] = ["sender": ["name": "Ana"], "a": ["b": "flat"]]
        let error = try #require(throws: RenderError.self) { try library.render(missing, template: "t") }
        #expect(error == .missingKeys(template: "t", keys: ["sender.title", "a.b.c"], partial: nil))

        let emptyText: [String: TemplateValue] = ["sender": ["name": "Ana", "title": ""], "a": ["b": ""]]
        let falsy = try #require(throws: RenderError.self) { try library.render(emptyText, template: "t") }
        #expect(falsy == .missingKeys(template: "t", keys: ["a.b.c"], partial: nil))
    }

    @Test func keysFoundFurtherDownTheStackAreNotMisses() throws {
        let folder = try TemplateFolder(["t.mustache": "{{#items}}{{name}}@{{city}};{{/items}}{{#flag}}{{city}}{{/flag}}"])
        let context: [String: TemplateValue] = ["items": [["name": "a"], ["name": "b", "city": "Rome"]], "city": "Oslo", "flag": true]
        #expect(try folder.library().render(context, template: "t") == "a@Oslo;b@Rome;Oslo")
    }

    @Test func printingAListAsTextIsRefused() throws {
        let folder = try TemplateFolder(["t.mustache": "{{items}}"])
        let error = try #require(throws: RenderError.self) { try folder.library().render(["items": ["a"]], template: "t") }
        #expect(error == .misuse(template: "t", problem: "it prints 'items' as text, but that is a list"))
    }

    @Test func concurrentRendersKeepTheirOwnMisses() async throws {
        let library = try TemplateFolder().library()
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<32 {
                group.addTask {
                    var context = RenderFixtures.letterContext
                    if index.isMultiple(of: 2) { context["subject"] = nil }
                    return (try? library.render(context, template: "en/letter/note-verbale")) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 16)
    }

    @Test func transformsStillWork() throws {
        let folder = try TemplateFolder(["t.mustache": "{{uppercased(name)}} {{count(items)}} {{#first(items)}}{{.}}{{/first(items)}} {{plusone(n)}}"])
        let context: [String: TemplateValue] = ["name": "ana", "items": ["x", "y"], "n": 41]
        #expect(try folder.library().render(context, template: "t") == "ANA 2 x 42")
    }
}
