import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// No template can make a render recurse without end or write without limit.
@Suite("Template bounds")
struct TemplateBoundsTests {
    @Test("a partial that includes itself is refused by name, and other templates still render")
    func selfInclusion() throws {
        let folder = try TemplateFolder([
            "letter.mustache": "Dear {{name}}\n{{> parts/body}}",
            "parts/body.mustache": "body\n{{> parts/body}}",
            "other.mustache": "fine",
        ])
        let library = try folder.library()
        let error = try #require(throws: RenderError.self) { try library.render(["name": "x"], template: "letter") }
        #expect(error == .partialLoop(template: "letter", chain: ["letter", "parts/body", "parts/body"]))
        #expect(error.description.contains("Template letter cannot be rendered: its partials include themselves in a loop (letter → parts/body → parts/body)"))
        #expect(try library.render([:], template: "other") == "fine")
    }

    @Test("a loop through other partials is named with its chain, from every template that reaches it")
    func indirectLoop() throws {
        let folder = try TemplateFolder([
            "report.mustache": "{{> a}}",
            "a.mustache": "A{{#items}}{{> b}}{{/items}}",
            "b.mustache": "B{{> c}}",
            "c.mustache": "C{{> a}}",
        ])
        let library = try folder.library()
        #expect(throws: RenderError.partialLoop(template: "report", chain: ["report", "a", "b", "c", "a"])) {
            try library.render(["items": []], template: "report")
        }
        #expect(throws: RenderError.partialLoop(template: "b", chain: ["b", "c", "a", "b"])) {
            try library.render(["items": []], template: "b")
        }
    }

    @Test("partials that each include the next twice, ten levels down, are refused before rendering")
    func fanOut() throws {
        var files = ["report.mustache": "Report\n{{> p0}}\n", "p10.mustache": String(repeating: "x", count: 100_000)]
        for level in 0..<10 { files["p\(level).mustache"] = "{{> p\(level + 1)}}{{> p\(level + 1)}}" }
        let library = try TemplateFolder(files).library()
        let error = try #require(throws: RenderError.self) { try library.render([:], template: "report") }
        guard case let .expandsTooFar(template, chain, bytes, limit) = error else { Issue.record("unexpected \(error)"); return }
        #expect(template == "report" && chain.first == "report" && chain.last == "p10")
        #expect(bytes >= 1024 * 100_000 && limit == OutputBudget.limit)
        #expect(error.description.hasPrefix("Template report cannot be rendered: its partials would write 98 MB before any value is filled in (report → p0 → p1 → … → p8 → p9 → p10)"))
        // Five levels write 3.2 MB, within the limit.
        #expect(try library.render([:], template: "p5").utf8.count == 32 * 100_000)
    }

    @Test("partials may nest 16 deep, not 17")
    func partialDepth() throws {
        var files: [String: String] = ["p17.mustache": "end"]
        for level in 0..<17 { files["p\(level).mustache"] = "{{> p\(level + 1)}}" }
        let library = try TemplateFolder(files).library()
        #expect(try library.render([:], template: "p1") == "end")
        let error = try #require(throws: RenderError.self) { try library.render([:], template: "p0") }
        guard case let .partialsTooDeep(template, chain, limit) = error else { Issue.record("unexpected \(error)"); return }
        #expect(template == "p0" && chain.count == 18 && limit == 16)
        #expect(error.description.contains("more than 16 deep (p0 → p1 → p2 → … → p15 → p16 → p17)"))
    }

    @Test("sections and partials together may nest 64 deep")
    func nesting() throws {
        let sections = String(repeating: "{{#a}}", count: 30) + "{{> inner}}" + String(repeating: "{{/a}}", count: 30)
        let inner = String(repeating: "{{#a}}", count: 40) + "x" + String(repeating: "{{/a}}", count: 40)
        let library = try TemplateFolder(["outer.mustache": sections, "inner.mustache": inner]).library()
        #expect(throws: RenderError.nestedTooDeep(template: "outer", chain: ["outer", "inner"], depth: 71, limit: 64)) {
            try library.render(["a": true], template: "outer")
        }
        #expect(try library.render(["a": true], template: "inner") == "x")
    }

    @Test("a file whose sections nest more than 64 deep is refused as it is loaded")
    func deepSections() throws {
        let deep = String(repeating: "{{#a}}", count: 45_000) + String(repeating: "{{/a}}", count: 45_000)
        #expect(throws: RenderError.sectionsTooDeep(file: "deep.mustache", line: 1, limit: 64)) {
            try TemplateFolder(["deep.mustache": deep]).library()
        }
    }

    @Test("template inheritance is refused: a block can include itself", arguments: ["{{<p}}{{$b}}x{{/b}}{{/p}}", "{{$b}}default{{/b}}"])
    func inheritance(tag: String) throws {
        let error = try #require(throws: RenderError.self) { try TemplateFolder(["t.mustache": "ok\n" + tag, "p.mustache": "p"]).library() }
        guard case let .unsupportedTag(file, line, _, reason) = error else { Issue.record("unexpected \(error)"); return }
        #expect(file == "t.mustache" && line == 2 && reason.contains("include itself without end"))
    }

    @Test("a section repeated inside itself over a long list is stopped at the limit")
    func quadratic() throws {
        let library = try TemplateFolder(["t.mustache": "{{#rows}}{{#rows}}<td>{{name}} and some text around it</td>{{/rows}}{{/rows}}"]).library()
        let rows = TemplateValue.list((0..<3_000).map { ["name": .text("row \($0)")] })
        let error = try #require(throws: RenderError.self) { try library.render(["rows": rows], template: "t") }
        #expect(error == .outputLimit(template: "t", limit: OutputBudget.limit, section: "rows"))
        #expect(error.description == "Template t was stopped at 16 MB, the most a document with this data may have, repeating the section 'rows'; check for a section repeated inside another over the same list.")
    }

    @Test("a value printed too often is stopped too")
    func repeatedValue() throws {
        let library = try TemplateFolder(["t.mustache": "{{#rows}}{{#rows}}{{big}}{{/rows}}{{/rows}}"]).library()
        let rows = TemplateValue.list(Array(repeating: ["n": 1], count: 300))
        let error = try #require(throws: RenderError.self) {
            try library.render(["rows": rows, "big": .text(String(repeating: "b", count: 1_000))], template: "t")
        }
        guard case .outputLimit(template: "t", limit: OutputBudget.limit, section: _) = error else { Issue.record("unexpected \(error)"); return }
    }

    @Test("a document larger than 16 MB renders when its data is that large")
    func largeData() throws {
        let library = try TemplateFolder(["t.mustache": "{{#rows}}<tr><td>{{name}}</td><td>{{note}}</td></tr>\n{{/rows}}"]).library()
        let note = String(repeating: "n", count: 200)
        let rows = TemplateValue.list((0..<100_000).map { ["name": .text("row \($0)"), "note": .text(note)] })
        let text = try library.render(["rows": rows], template: "t")
        #expect(text.utf8.count > OutputBudget.limit)
        #expect(text.hasSuffix("<tr><td>row 99999</td><td>\(note)</td></tr>\n"))
    }

    @Test("what a render is charged is never less than what it writes")
    func chargesCoverOutput() throws {
        let library = try TemplateFolder([
            "t.mustache": "Head {{title}}\n{{#items}}<li>{{> item}}</li>{{^last}} and {{/last}}{{/items}}\n{{#.}}{{title}}{{/.}}{{#reversed(items)}}[{{name}}]{{/reversed(items)}}",
            "item.mustache": "{{name}}{{#tags}}<{{.}}>{{/tags}}",
            "indented.mustache": "list:\n    {{> lines}}\nend\n",
            "lines.mustache": "a\nb\n{{#items}}\n{{name}}\n{{/items}}\n",
        ]).library()
        let items = TemplateValue.list((0..<50).map { ["name": .text("item \($0)"), "last": .flag($0 == 49), "tags": ["a", "bb"]] })
        let (text, charged) = try library.renderCharged(["title": "T", "items": items], template: "t")
        #expect(text.contains("<li>item 0<a><bb></li> and <li>item 1"))
        #expect(text.contains("</li>\nT[item 49][item 48]") && text.hasSuffix("[item 0]"))
        #expect(charged >= text.utf8.count)
        // An indented partial has its every line indented: the charges grow with the indentation.
        let (indented, indentedCharge) = try library.renderCharged(["items": items], template: "indented")
        #expect(indented.hasPrefix("list:\n    a\n    b\n"))
        #expect(indentedCharge >= indented.utf8.count)
    }
}
