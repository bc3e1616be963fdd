import Comity
import ComityWorlds
import Foundation
import HummingbirdTesting
import Testing

/// The forms and lists of the shared desk, through the router as a browser would use them.
@Suite("Forms, lists and search of the shared desk")
struct FormsTests {
    static let newRequest: [(String, String)] = [
        ("reference", "JP-MHI-2011-077"), ("case", "MHI-2011"), ("from", "JP-NPSC"), ("to", "CN-MPS"),
        ("channel", "central-authority"), ("basis", "JP-CN-MLAT"), ("subject", "Tracing the QUOKKA servers behind the intrusion"),
        ("items", "Identify the servers\nPreserve their logs"), ("urgency", "urgent"), ("classification", "restricted"),
        ("sent", ""), ("their-ref", ""), ("preserved-until", ""), ("note", ""),
    ]

    static func replacing(_ fields: [(String, String)], _ name: String, with value: String) -> [(String, String)] {
        fields.map { $0.0 == name ? ($0.0, value) : $0 }
    }

    @Test("a request recorded through the form is listed in /requests and found by /search")
    func recordThenFind() async throws {
        try await FormsWorld.run { client in
            var web = FormsWebClient(client)
            #expect(try await web.signIn("carl").status == .seeOther)
            let form = try await web.get("/requests/new")
            #expect(form.status == .ok)
            #expect(form.text.contains("id=\"request-form\""))
            let recorded = try await web.post("/requests", Self.newRequest)
            #expect(recorded.status == .seeOther)
            #expect(recorded.location == "/requests/JP-MHI-2011-077?done=request")
            let page = try await web.get("/requests/JP-MHI-2011-077")
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"correct-form\""))

            let list = try await web.get("/requests?case=MHI-2011")
            #expect(list.status == .ok)
            let table = try #require(list.element("requests-table", closing: "table"))
            #expect(table.contains("JP-MHI-2011-077"))
            #expect(table.contains("Tracing the QUOKKA servers"))

            for query in ["quokka", "JP-MHI-2011-077", "MHI-2011"] {
                let search = try await web.get("/search?q=\(query)")
                let results = try #require(search.element("search-results", closing: "ul"), "no results list for \(query)")
                #expect(results.contains("/requests/JP-MHI-2011-077"), "searching \(query)")
            }
            // The counterpart, by name.
            let china = try await web.get("/search?q=china")
            #expect(try #require(china.element("search-results", closing: "ul")).contains("/requests/JP-MHI-2011-077"))
        }
    }

    @Test("a refused form comes back with 422, the sentence beside the field and the values kept")
    func refusedForm() async throws {
        try await FormsWorld.run { client in
            var web = FormsWebClient(client)
            try await web.signIn("carl")
            let badDate = try await web.post("/requests", Self.replacing(Self.newRequest, "sent", with: "2011-13-45"))
            #expect(badDate.status == .unprocessableContent)
            let sentField = try #require(badDate.element("request-form-sent", closing: "p"))
            #expect(sentField.contains("class=\"field-refusal\""))
            #expect(sentField.contains("not a date"))
            #expect(badDate.text.contains("id=\"form-refusal\""))
            #expect(badDate.text.contains("Tracing the QUOKKA servers behind the intrusion</textarea>"))
            #expect(badDate.text.contains("value=\"JP-MHI-2011-077\""))

            let unknownCase = try await web.post("/requests", Self.replacing(Self.newRequest, "case", with: "NO-SUCH-CASE"))
            #expect(unknownCase.status == .unprocessableContent)
            let caseField = try #require(unknownCase.element("request-form-case", closing: "p"))
            #expect(caseField.contains("No case &#39;NO-SUCH-CASE&#39; is recorded") || caseField.contains("No case 'NO-SUCH-CASE' is recorded"))
            #expect(caseField.contains("value=\"NO-SUCH-CASE\""))

            // Nothing was recorded by either.
            let list = try await web.get("/requests?case=MHI-2011")
            #expect(!list.text.contains("JP-MHI-2011-077"))
        }
    }

    @Test("a correction from the request page shows in its timeline; a value the field refuses is shown beside it")
    func correction() async throws {
        try await FormsWorld.run { client in
            var web = FormsWebClient(client)
            try await web.signIn("carl")
            let uri = "/requests/\(DemoWorld.mhiRequest)"
            let page = try await web.get(uri)
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"correct-form\""))
            let done = try await web.post(uri + "/corrections", [
                ("target", "request"), ("field", "subject"), ("value", "Tracing the source of the MHI intrusion"), ("reason", "shorter subject"),
            ])
            #expect(done.status == .seeOther)
            let after = try await web.get(uri)
            let timeline = try #require(after.element("timeline", closing: "ol"))
            #expect(timeline.contains("corrected subject:"))
            #expect(timeline.contains("Tracing the source of the MHI intrusion"))
            #expect(timeline.contains("shorter subject"))

            let refused = try await web.post(uri + "/corrections", [
                ("target", "request"), ("field", "channel"), ("value", "pigeon"), ("reason", "typo"),
            ])
            #expect(refused.status == .unprocessableContent)
            let value = try #require(refused.element("correct-value", closing: "p"))
            #expect(value.contains("class=\"field-refusal\""))
            #expect(value.contains("not a valid channel"))
            #expect(value.contains(">pigeon</textarea>"))

            // A reply's field, by its number.
            let replyTarget = try #require(after.text.range(of: "value=\"reply-").map { String(after.text[$0.upperBound...].prefix { $0 != "\"" }) })
            let replyFix = try await web.post(uri + "/corrections", [
                ("target", "reply-\(replyTarget)"), ("field", "summary"), ("value", "China said it would contact the authorities concerned."), ("reason", "wording"),
            ])
            #expect(replyFix.status == .seeOther)
        }
    }

    @Test("a confidential clerk's lists and search leave the secret request out, counting it only where the command line does")
    func clearance() async throws {
        try await FormsWorld.run { client in
            var web = FormsWebClient(client)
            try await web.signIn("carl")
            let list = try await web.get("/requests")
            #expect(list.status == .ok)
            #expect(!list.text.contains(FormsWorld.plantedText))
            #expect(!list.text.contains(FormsWorld.secretRequest))
            #expect(list.text.contains("request(s) above your clearance withheld"))
            for query in [FormsWorld.plantedText, FormsWorld.secretRequest, "MHI"] {
                let search = try await web.get("/search?q=\(query)")
                #expect(search.status == .ok)
                let results = try #require(search.element("search-results", closing: "ul"))
                #expect(!results.contains(FormsWorld.secretRequest), "searching \(query)")
                #expect(!results.contains(FormsWorld.plantedText), "searching \(query)")
                #expect(!search.text.contains("withheld"), "searching \(query)")
            }
            let caseFile = try await web.get("/cases/MHI-2011")
            #expect(!caseFile.text.contains(FormsWorld.secretRequest))
            #expect(caseFile.text.contains("1 request(s) above your clearance withheld"))

            var ada = FormsWebClient(client)
            try await ada.signIn("ada")
            let all = try await ada.get("/requests")
            #expect(all.text.contains(FormsWorld.secretRequest))
            #expect(all.text.contains("SECRET"))
        }
    }

    @Test("filters, the stalled list, cases, engagements and the registry answer; a bad filter is refused in a sentence")
    func lists() async throws {
        try await FormsWorld.run { client in
            var web = FormsWebClient(client)
            try await web.signIn("carl")
            let stalled = try await web.get("/requests?stalled=1&counterpart=CN")
            #expect(stalled.status == .ok)
            #expect(try #require(stalled.element("requests-table", closing: "table")).contains(DemoWorld.mhiRequest))
            let badState = try await web.get("/requests?state=lost")
            #expect(badState.status == .unprocessableContent)
            #expect(badState.text.contains("&#39;lost&#39; is not a valid state") || badState.text.contains("'lost' is not a valid state"))
            let both = try await web.get("/requests?stalled=1&open=1")
            #expect(both.status == .unprocessableContent)
            #expect(both.text.contains("The stalled list shows open requests already"))
            #expect(try await web.get("/requests?open=1").status == .ok)
            let engagements = try await web.get("/engagements")
            let table = try #require(engagements.element("engagements-table", closing: "table"))
            #expect(table.contains("/engagements/\(DemoWorld.nodaVisit)/brief"))
            #expect(try await web.get("/engagements/\(DemoWorld.nodaVisit)").status == .ok)
            #expect(try await web.get("/cases").status == .ok)
            #expect(try await web.get("/registry").status == .ok)
        }
    }

    @Test("a case, an engagement, its outcome and a state are recorded through their forms")
    func otherForms() async throws {
        try await FormsWorld.run { client in
            var web = FormsWebClient(client)
            try await web.signIn("carl")
            let newCase = try await web.post("/cases", [
                ("id", "KHI-2011"), ("title", "Attempted access at Kawasaki Heavy Industries"), ("lead", "JP-TMPD"),
                ("offence", "Unauthorised computer access"), ("incident", ""), ("discovered", "2011-09"), ("limitation", ""),
                ("classification", "restricted"), ("note", ""),
            ])
            #expect(newCase.status == .seeOther)
            #expect(try await web.get("/cases/KHI-2011").text.contains("Attempted access at Kawasaki"))

            let early = try await web.post("/cases", [("id", "KHI-2012"), ("title", "x"), ("lead", "JP-TMPD"), ("offence", "x"), ("discovered", "2012-05")])
            #expect(early.status == .unprocessableContent)
            #expect(try #require(early.element("case-form-discovered", closing: "p")).contains("after today"))

            let engagement = try await web.post("/engagements", [
                ("id", "GEMBA-BEIJING-2011"), ("counterpart", "CN"), ("start", "2011-11-20"), ("end", ""), ("level", "ministerial"),
                ("title", "Foreign minister's visit to Beijing"), ("place", "Beijing"), ("note", ""),
            ])
            #expect(engagement.status == .seeOther)
            let outcome = try await web.post("/engagements/GEMBA-BEIJING-2011/outcomes", [
                ("request", DemoWorld.mhiRequest), ("raised", "raised"), ("by", "Foreign Minister Gemba"), ("response", "none"),
            ])
            #expect(outcome.status == .seeOther)
            let detail = try await web.get("/engagements/GEMBA-BEIJING-2011")
            #expect(try #require(detail.element("outcomes-table", closing: "table")).contains("Foreign Minister Gemba"))

            let outcomeNumber = try #require(detail.text.range(of: "value=\"outcome-").map { String(detail.text[$0.upperBound...].prefix { $0 != "\"" }) })
            let fixOutcome = try await web.post("/engagements/GEMBA-BEIJING-2011/outcome-corrections", [
                ("target", "outcome-\(outcomeNumber)"), ("field", "by"), ("value", "Foreign Minister Koichiro Gemba"), ("reason", "full name"),
            ])
            #expect(fixOutcome.status == .seeOther)
            let corrected = try await web.get("/engagements/GEMBA-BEIJING-2011")
            #expect(try #require(corrected.element("outcomes-table", closing: "table")).contains("Foreign Minister Koichiro Gemba"))
            let badEnd = try await web.post("/engagements/GEMBA-BEIJING-2011/corrections", [("field", "end"), ("value", "2011-11-01"), ("reason", "typo")])
            #expect(badEnd.status == .unprocessableContent)
            #expect(try #require(badEnd.element("engagement-correct-form-value", closing: "p")).contains("before it starts"))

            let caseFix = try await web.post("/cases/KHI-2011/corrections", [("field", "title"), ("value", "Attempted access at KHI"), ("reason", "shorter")])
            #expect(caseFix.status == .seeOther)
            let caseHistory = try #require(try await web.get("/cases/KHI-2011").element("timeline", closing: "ol"))
            #expect(caseHistory.contains("corrected title:"))

            let party = try await web.post("/parties", [("code", "KR"), ("name", ""), ("formal-name", "")])
            #expect(party.status == .seeOther)
            #expect(try #require(try await web.get("/registry").element("parties-table", closing: "table")).contains("KR"))
            let fixParty = try await web.post("/parties/corrections", [("target", "KR"), ("field", "name"), ("value", "Republic of Korea"), ("reason", "usual name")])
            #expect(fixParty.status == .seeOther)
            #expect(try #require(try await web.get("/registry").element("parties-table", closing: "table")).contains("Republic of Korea"))
            let head = try await web.post("/authorities/head", [("authority", "CN-MPS"), ("head-title", "Minister of Public Security"), ("head-name", "Guo Shengkun")])
            #expect(head.status == .seeOther)
            #expect(try #require(try await web.get("/registry").element("authorities-table", closing: "table")).contains("Guo Shengkun"))
            let badParty = try await web.post("/parties", [("code", "XX1")])
            #expect(badParty.status == .unprocessableContent)
            #expect(try #require(badParty.element("party-form-code", closing: "p")).contains("field-refusal"))
        }
    }

    @Test("a search that matches more than 100 requests lists 100 and says so")
    func boundedSearch() async throws {
        try await FormsWorld.run({ desk in
            var bulk = try desk.request(DemoWorld.mhiRequest).request
            (bulk.sentDate, bulk.state) = (nil, .drafted)
            for n in 1...105 {
                bulk.reference = "JP-MHI-2011-\(200 + n)"
                bulk.subject = "WALRUS servers, lead \(n)"
                try desk.addRequest(bulk)
            }
        }) { client in
            var web = FormsWebClient(client)
            try await web.signIn("carl")
            let search = try await web.get("/search?q=walrus")
            let results = try #require(search.element("search-results", closing: "ul"))
            #expect(results.components(separatedBy: "<li>").count - 1 == 100)
            #expect(search.text.contains("More than 100 requests match"))
        }
    }
}
