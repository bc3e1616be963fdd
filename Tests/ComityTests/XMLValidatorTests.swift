import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

@Suite struct XMLValidatorTests {
    private func schema() throws -> (XMLSchema, TemplateFolder) {
        let folder = try TemplateFolder(["report.xsd": RenderFixtures.reportSchema])
        return (try XMLSchema(path: folder.url.appendingPathComponent("report.xsd").path), folder)
    }

    @Test func reportsTheLibxmlVersion() {
        #expect(XMLSchema.libxmlVersion.split(separator: ".").count == 3)
    }

    @Test func validDocumentPasses() throws {
        let (schema, folder) = try schema()
        try schema.validate(RenderFixtures.validReport, documentName: "report.xml")
        withExtendedLifetime(folder) {}
    }

    @Test func everyProblemIsListedWithItsLine() throws {
        let (schema, folder) = try schema()
        let error = try #require(throws: XMLValidationError.self) {
            try schema.validate(RenderFixtures.brokenReport, documentName: "report.xml")
        }
        #expect(error.problems.map(\.line) == [4, 5, 6])
        #expect(error.problems[0].description == "report.xml line 4: Element 'finding': The attribute 'severity' is required but missing.")
        #expect(error.description.split(separator: "\n").count == 3)
        withExtendedLifetime(folder) {}
    }

    @Test func malformedDocumentIsUnreadable() throws {
        let (schema, folder) = try schema()
        let error = try #require(throws: XMLValidationError.self) {
            try schema.validate("<report>\n<request>x</report>", documentName: "report.xml")
        }
        guard case .unreadable(.malformed) = error else { Issue.record("unexpected \(error)"); return }
        #expect(error.problems.first?.line == 2)
        withExtendedLifetime(folder) {}
    }

    @Test func invalidSchemaNamesTheFile() throws {
        let folder = try TemplateFolder(["broken.xsd": "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n<xs:element name=\"a\" type=\"xs:nope\"/>\n</xs:schema>"])
        let path = folder.url.appendingPathComponent("broken.xsd").path
        let error = try #require(throws: XMLValidationError.self) { try XMLSchema(path: path) }
        guard case let .unusableSchema(reported, problems) = error else { Issue.record("unexpected \(error)"); return }
        #expect(reported == path && !problems.isEmpty)
        #expect(error.description.contains("broken.xsd"))
        #expect(throws: XMLValidationError.self) { try XMLSchema(path: folder.url.appendingPathComponent("absent.xsd").path) }
    }

    @Test func oneSchemaServesConcurrentValidations() async throws {
        let (schema, folder) = try schema()
        let results = await withTaskGroup(of: Int.self) { group in
            for index in 0..<64 {
                group.addTask {
                    do throws(XMLValidationError) {
                        try schema.validate(index.isMultiple(of: 2) ? RenderFixtures.validReport : RenderFixtures.brokenReport, documentName: "r\(index).xml")
                        return 0
                    } catch {
                        #expect(error.problems.allSatisfy { $0.documentName == "r\(index).xml" })
                        return error.problems.count
                    }
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results.filter { $0 == 0 }.count == 32)
        #expect(results.filter { $0 == 3 }.count == 32)
        withExtendedLifetime(folder) {}
    }
}
