import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@_spi(Worlds) import Comity
import ComityWorlds

/// The stall report and the brief in the browser are the command line's documents, for the
/// person signed in.
@Suite("Reports on the web")
struct ReportWebTests {
    @Test("the stall report and the brief are the documents `report stall` renders")
    func documents() async throws {
        let world = try DocsWorld()
        let desk = try world.desk(for: "cleo")
        let renderer = try DocumentRenderer(templates: URL(fileURLWithPath: templatesFolder))
        let today = DocsWorld.today
        let app = try await world.application()
        try await app.test(.router) { client in
            let cleo = try await DocsWebClient.signIn(client, as: "cleo")
            let html = try await cleo.get("/reports/stall")
            #expect(html.status == 200 && html.header("Content-Type") == "text/html; charset=utf-8")
            #expect(html.text == (try renderer.render(desk.stallReport(asOf: today), as: .html)))
            #expect(html.text.contains("@page") && html.header("Content-Disposition") == nil)

            let xml = try await cleo.get("/reports/stall?format=xml&counterpart=cn")
            #expect(xml.header("Content-Type") == "application/xml; charset=utf-8")
            #expect(xml.header("Content-Disposition") == "attachment; filename=\"stall-report-2011-11-28.xml\"")
            #expect(xml.text == (try renderer.render(desk.stallReport(asOf: today, counterpart: "CN"), as: .xml)))

            let brief = try await cleo.get("/engagements/\(DemoWorld.nodaVisit)/brief")
            #expect(brief.status == 200)
            #expect(brief.text == (try renderer.render(desk.stallReport(asOf: today, before: DemoWorld.nodaVisit), as: .html)))

            let badCode = try await cleo.get("/reports/stall?counterpart=ZZ")
            #expect(badCode.status == 422 && badCode.text.contains("is not an ISO 3166-1 alpha-2 country code"))
            let badFormat = try await cleo.get("/reports/stall?format=pdf")
            #expect(badFormat.status == 422 && badFormat.text.contains("is not a report format here; use html or xml"))
            let noEngagement = try await cleo.get("/engagements/NO-SUCH-VISIT/brief")
            #expect(noEngagement.status == 404 && noEngagement.text.contains("NO-SUCH-VISIT"))
        }
    }
}
