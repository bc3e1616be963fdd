import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

@Suite struct TemplateLibraryLoadingTests {
    @Test func namesAreRelativePathsWithoutExtension() throws {
        let folder = try TemplateFolder()
        try folder.write("notes.txt", "not a template")
        #expect(try folder.library().templateNames == ["en/common/header", "en/letter/brief", "en/letter/note-verbale"])
    }

    @Test func unknownTemplateListsNeighbours() throws {
        let folder = try TemplateFolder()
        let library = try folder.library()
        let error = try #require(throws: RenderError.self) { try library.render([:], template: "en/letter/note-verbal") }
        #expect(error == .unknownTemplate(name: "en/letter/note-verbal", directory: library.directory, available: ["en/letter/brief", "en/letter/note-verbale"]))
        #expect(error.description.contains("available nearby: en/letter/brief, en/letter/note-verbale"))
        #expect(throws: RenderError.self) { try library.render([:], template: "../en/letter/brief") }
    }

    @Test func missingPartialIsFoundTransitively() throws {
        let folder = try TemplateFolder([
            "letter.mustache": "{{subject}}\n{{> parts/body}}",
            "parts/body.mustache": "body\n{{> parts/signature}}",
            "other.mustache": "fine",
        ])
        let library = try folder.library()
        let error = try #require(throws: RenderError.self) { try library.render(["subject": "x"], template: "letter") }
        #expect(error == .missingPartial(template: "letter", partial: "parts/signature", includedBy: "parts/body", line: 2))
        #expect(try library.render([:], template: "other") == "fine")
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let folder = try TemplateFolder(["en/bad.mustache": "line one\n{{#open}}\n{{/close}}\n"])
        let error = try #require(throws: RenderError.self) { try folder.library() }
        guard case let .syntax(file, line, _, problem) = error else { Issue.record("unexpected \(error)"); return }
        #expect(file == "en/bad.mustache" && line == 3 && problem.contains("does not match"))
    }

    @Test func loadingEveryOutputAtOnceReportsTheFirstFileThatDoesNotParse() throws {
        // Files are parsed on every core at once; the error is still the first file's, in the folder's order.
        let folder = try TemplateFolder([
            "a/fine.mustache": "fine", "b/first.mustache": "{{#open}}\n{{/shut}}\n", "c/second.mustache": "{{#x}}",
            "d/third.mustache": "x\n{{/y}}",
        ])
        for _ in 0..<5 {
            let error = try #require(throws: RenderError.self) { try TemplateLibrary.loading(folder.url, outputs: [.html, .xml]) }
            guard case let .syntax(file, line, _, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(file == "b/first.mustache" && line == 2)
        }
        try folder.write("b/first.mustache", "{{#open}}\n{{/open}}\n")
        try folder.write("c/second.mustache", "{{#x}}{{/x}}")
        try folder.write("d/third.mustache", "third")
        let loaded = try TemplateLibrary.loading(folder.url, outputs: [.html, .xml])
        #expect(try loaded[1].render(["open": .flag(false)], template: "d/third") == "third")
    }

    @Test func loadingEveryOutputAtOnceReportsTheFirstFileWithATagItRefuses() throws {
        // Tags are scanned on every core too: a raw value in the first file is its error, though a later file does not parse.
        let folder = try TemplateFolder([
            "a/fine.mustache": "{{value}}", "b/raw.mustache": "ok\n{{{raw}}}", "c/broken.mustache": "{{#x}}",
        ])
        for _ in 0..<5 {
            let error = try #require(throws: RenderError.self) { try TemplateLibrary.loading(folder.url, outputs: [.html, .xml]) }
            guard case let .unsupportedTag(file, line, _, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(file == "b/raw.mustache" && line == 2)
        }
        // For plain text the raw value is allowed, and the broken file is the first error.
        let text = try #require(throws: RenderError.self) { try TemplateLibrary.loading(folder.url, outputs: [.text]) }
        guard case let .syntax(file, _, _, _) = text else { Issue.record("unexpected \(text)"); return }
        #expect(file == "c/broken.mustache")
        try folder.write("c/broken.mustache", "{{#x}}{{/x}}")
        let loaded = try TemplateLibrary.loading(folder.url, outputs: [.text])
        #expect(try loaded[0].render(["raw": .text("<b>")], template: "b/raw") == "ok\n<b>")
        let html = try #require(throws: RenderError.self) { try TemplateLibrary.loading(folder.url, outputs: [.text, .html]) }
        guard case .unsupportedTag(file: "b/raw.mustache", line: 2, _, _) = html else { Issue.record("unexpected \(html)"); return }
    }

    @Test func aKeyIsNamedWhereverATemplateOrItsPartialsCanReachIt() throws {
        let folder = try TemplateFolder([
            "plain.mustache": "{{#letters}}{{file}} {{isolated(reference)}}{{/letters}} {{words.title}}",
            "dotted.mustache": "{{#letters}}{{.sha256}}{{/letters}}",
            "path.mustache": "{{letter.sha256}}",
            "section.mustache": "{{^sha256}}none{{/sha256}}",
            "transform.mustache": "{{uppercased(sha256)}}",
            "outer.mustache": "{{> parts/inner}}",
            "parts/inner.mustache": "{{#letters}}{{sha256}}{{/letters}}",
        ])
        let library = try folder.library()
        #expect(!library.names("sha256", in: "plain"))
        #expect(library.names("reference", in: "plain") && library.names("title", in: "plain") && library.names("words", in: "plain"))
        for template in ["dotted", "path", "section", "transform", "outer"] {
            #expect(library.names("sha256", in: template), "\(template)")
        }
        #expect(!library.names("sha256", in: "unknown"))
    }

    @Test(arguments: ["{{{raw}}}", "{{& raw}}", "{{=<% %>=}}", "{{%CONTENT_TYPE:TEXT}}", "{{>*dynamic}}"])
    func unsafeTagsAreRefusedForMarkup(tag: String) throws {
        let folder = try TemplateFolder(["t.mustache": "ok\n" + tag])
        let error = try #require(throws: RenderError.self) { try folder.library(.xml) }
        guard case let .unsupportedTag(file, line, _, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(file == "t.mustache" && line == 2)
    }

    @Test func rawTagsAreAllowedForText() throws {
        let folder = try TemplateFolder(["t.mustache": "{{{raw}}}"])
        #expect(try folder.library(.text).render(["raw": "<b>"], template: "t") == "<b>")
    }

    @Test func pathTraversalInANameIsRefused() throws {
        let folder = try TemplateFolder(["a..b.mustache": "x"])
        let error = try #require(throws: RenderError.self) { try folder.library() }
        #expect(error == .invalidTemplateName(name: "a..b", file: "a..b.mustache"))
    }

    @Test func symlinkedFileOutsideIsRefused() throws {
        let outside = try TemplateFolder(["secret.mustache": "{{password}}"])
        let folder = try TemplateFolder()
        try folder.link("en/stolen.mustache", to: outside.url.appendingPathComponent("secret.mustache").path)
        let error = try #require(throws: RenderError.self) { try folder.library() }
        guard case let .outsideDirectory(file, _, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(file == "en/stolen.mustache")
    }

    @Test func symlinkedFolderOutsideIsRefused() throws {
        let outside = try TemplateFolder(["secret.mustache": "{{password}}"])
        let folder = try TemplateFolder()
        try folder.link("shared", to: outside.url.path)
        try folder.link("en/up", to: "../..")
        let error = try #require(throws: RenderError.self) { try folder.library() }
        guard case .outsideDirectory = error else { Issue.record("unexpected \(error)"); return }
    }

    @Test func symlinksInsideTheFolderAreFollowedWithoutLooping() throws {
        let folder = try TemplateFolder()
        try folder.link("en/letter/alias.mustache", to: "brief.mustache")
        try folder.link("en/loop", to: "..")
        let names = try folder.library().templateNames
        #expect(names.contains("en/letter/alias"))
        #expect(!names.contains { $0.hasPrefix("en/loop/en/loop") })
    }

    @Test func missingFolderIsReported() throws {
        let url = URL(fileURLWithPath: "/nonexistent/comity-templates")
        #expect(throws: RenderError.unreadableDirectory(path: url.path, reason: "it does not exist")) {
            try TemplateLibrary(directory: url)
        }
    }
}
