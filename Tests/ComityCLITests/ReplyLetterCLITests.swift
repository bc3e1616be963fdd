import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender

/// A request that came to us, and our replies to it, for the reply letter tests: the world of
/// `LetterCLIWorld` as Japan's desk (`our-state` JP), with request CN-R-017 from China's Ministry
/// of Public Security to Japan's National Public Safety Commission, received on 2011-10-03 under
/// case CASE-L, answered by an acknowledgement (2011-10-05, promising more by 2011-11-30), a
/// supplement request (2011-10-20), partial results (2011-11-10) and full results (2011-11-30);
/// and request CN-R-018, received on 2011-10-10 and refused on 2011-11-01 on two grounds.
/// Japanese and Chinese translations of everything the letters quote.
enum ReplyLetterWorld {
    static let request = "CN-R-017"
    static let refused = "CN-R-018"
    static let folder = LetterGolden.repository.appendingPathComponent("Tests/Golden/reply-letters", isDirectory: true)

    /// The request each kind of letter answers, and the day of the reply it puts on paper.
    static let letters: [String: (reference: String, date: String)] = [
        "acknowledgement": (request, "2011-10-05"), "supplement-request": (request, "2011-10-20"),
        "partial-execution": (request, "2011-11-10"), "execution": (request, "2011-11-30"), "refusal": (refused, "2011-11-01"),
    ]
    static let kinds = ["acknowledgement", "supplement-request", "partial-execution", "execution", "refusal"]

    struct Case: Sendable, CustomTestStringConvertible {
        var kind: String
        var lang: String
        var format: String
        var reference: String { ReplyLetterWorld.letters[kind]!.reference }
        var date: String { ReplyLetterWorld.letters[kind]!.date }
        var fileName: String { "\(reference).\(kind).\(lang).\(format)" }
        var arguments: [String] { [reference, "--kind", kind, "--lang", lang, "--format", format, "--as-of", date] }
        var testDescription: String { "\(kind) \(lang) \(format)" }
    }

    static let cases: [Case] = kinds.flatMap { kind in
        ["en", "ja", "zh-Hans"].flatMap { lang in ["html", "xml"].map { Case(kind: kind, lang: lang, format: $0) } }
    }

    static func date(_ iso: String) -> CalendarDate { LetterCLIWorld.date(iso) }
    static func clerk(_ iso: String) -> Clerk { Clerk(name: "Sato", today: date(iso)) }

    @discardableResult
    static func build(_ sandbox: Sandbox) throws -> ComityStore {
        let store = try LetterCLIWorld.build(sandbox)
        try store.setSetting(StoredSetting.ourStateKey, to: "JP", channel: nil, by: clerk("2011-01-03"))
        func translate(_ subject: Event.Subject, _ id: String, _ lang: String, _ values: [TranslatedField: [String]], on day: String) throws {
            try store.translate(subject, id, lang: lang, values, reason: "translation", clearance: .secret, by: clerk(day))
        }
        let zh: [(Event.Subject, String, [TranslatedField: [String]])] = [
            (.party, "JP", [.name: ["日本国"]]), (.party, "CN", [.name: ["中华人民共和国"]]),
            (.authority, "JP-NPSC", [.name: ["日本国家公安委员会"], .city: ["东京"]]),
            (.authority, "CN-MPS", [.name: ["中华人民共和国公安部"]]),
            (.basis, "JP-CN-MLAT", [.instrument: ["中华人民共和国和日本国关于刑事司法协助的条约"]]),
        ]
        for (subject, id, values) in zh { try translate(subject, id, "zh-Hans", values, on: "2011-01-03") }

        func receive(_ reference: String, on day: String, subject: [String], items: [[String]], theirs: String) throws {
            try store.addRequest(Request(
                reference: reference, caseID: "CASE-L", fromAuthority: "CN-MPS", toAuthority: "JP-NPSC", channel: .centralAuthority,
                basisID: "JP-CN-MLAT", subject: subject[0], items: items.map { $0[0] }, sentDate: date(day), counterpartReference: theirs),
                by: clerk(day))
            try translate(.request, reference, "ja", [.subject: [subject[1]], .items: items.map { $0[1] }], on: day)
            try translate(.request, reference, "zh-Hans", [.subject: [subject[2]], .items: items.map { $0[2] }], on: day)
        }
        try receive(request, on: "2011-10-03", subject: ["Bank records of a suspect in a fraud", "詐欺事件の被疑者の銀行取引記録", "诈骗案件嫌疑人的银行记录"],
                    items: [["Records of the suspect's accounts at a bank in Tokyo", "東京所在の銀行における被疑者の口座の取引記録", "嫌疑人在东京某银行账户的交易记录"],
                            ["A statement from the bank's compliance officer", "同銀行の法令遵守担当者の供述", "该银行合规负责人的陈述"]],
                    theirs: "MPS-2011-0088")
        try receive(refused, on: "2011-10-10", subject: ["Questioning of a journalist", "報道関係者の事情聴取", "询问一名记者"],
                    items: [["Question a journalist about his sources", "報道関係者からその取材源について事情を聴取すること", "就消息来源询问一名记者"]],
                    theirs: "MPS-2011-0091")

        func reply(_ reference: String, _ kind: ReplyKind, on day: String, _ summary: [String], promised: String? = nil,
                   grounds: [RefusalGround] = []) throws {
            let stored = try store.addReply(Reply(
                requestReference: reference, date: date(day), fromAuthority: "JP-NPSC", kind: kind, summary: summary[0],
                promisedDate: promised.map(date), refusalGrounds: grounds), by: clerk(day)).reply
            let id = String(try #require(stored.id))
            try translate(.reply, id, "ja", [.summary: [summary[1]]], on: day)
            try translate(.reply, id, "zh-Hans", [.summary: [summary[2]]], on: day)
        }
        try reply(request, .acknowledgement, on: "2011-10-05", [
            "The request has been assigned to the Metropolitan Police Department for execution.",
            "本件要請は、執行のため警視庁に送付しました。",
            "该请求已交由东京警视厅执行。",
        ], promised: "2011-11-30")
        try reply(request, .supplementRequest, on: "2011-10-20", [
            "The account numbers and the period of the records sought.",
            "求められている取引記録の口座番号及び期間",
            "所需记录的账号和期间。",
        ])
        try reply(request, .partialResults, on: "2011-11-10", [
            "The records of the suspect's accounts are enclosed; the statement of the compliance officer is still to be taken.",
            "被疑者の口座の取引記録を同封します。法令遵守担当者の供述はまだ録取しておりません。",
            "随函附上嫌疑人账户的交易记录；合规负责人的陈述尚待录取。",
        ])
        try reply(request, .fullResults, on: "2011-11-30", [
            "The statement of the compliance officer, taken on 25 November 2011, is enclosed.",
            "平成23年11月25日に録取した法令遵守担当者の供述を同封します。",
            "随函附上2011年11月25日录取的合规负责人的陈述。",
        ])
        try reply(refused, .refusal, on: "2011-11-01", [
            "Questioning a journalist about his sources would breach the protection of sources under Japanese law.",
            "報道関係者に取材源について事情を聴取することは、日本法上の取材源の保護に反します。",
            "就消息来源询问记者将违反日本法律对消息来源的保护。",
        ], grounds: [.sovereignty, .dualCriminality])
        return store
    }
}

@Suite("comity letter: reply letters to a request that came to us")
struct ReplyLetterCLITests {
    @Test("golden reply letters: each kind in English, Japanese and Chinese, HTML and XML", arguments: ReplyLetterWorld.cases)
    func golden(_ letter: ReplyLetterWorld.Case) throws {
        try withSandbox { sandbox in
            try ReplyLetterWorld.build(sandbox)
            let result = try sandbox.letter(letter.arguments, today: "2011-12-20")
            try #require(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty)
            try LetterGolden.check(result.stdout, against: letter.fileName, in: ReplyLetterWorld.folder)

            let marks = ["en": ("DRAFT — NOT ISSUED", "RESTRICTED"), "ja": ("案（未発出）", "取扱注意"), "zh-Hans": ("草稿（未发出）", "注意处理")]
            let (draft, mark) = marks[letter.lang]!
            if letter.format == "xml" {
                try #require(FileManager.default.isExecutableFile(atPath: LetterGolden.xmllint.path), "xmllint is needed: .ci/run installs libxml2-utils")
                let root = try LetterGolden.validate(result.stdout, in: sandbox)
                #expect(root.attribute("kind") == letter.kind && root.attribute("lang") == letter.lang)
                #expect(root.attribute("draft") == "true" && root.attribute("date") == letter.date)
                #expect(root.children(named: "mark").first?.text == mark)
                let answer = try #require(root.children(named: "answer").first)
                #expect(answer.attribute("date") == letter.date)
                #expect(root.children(named: "received-request").first?.attribute("received") != nil)
                #expect(root.children(named: "chronology").isEmpty, "a reply letter carries our answer, not a chronology")
            } else {
                #expect(result.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(letter.lang)\">"))
                #expect(result.stdout.contains(draft))
                #expect(result.stdout.contains("<div class=\"mark top\">\(mark)</div>") && result.stdout.contains("<div class=\"mark bottom\">\(mark)</div>"))
                #expect(result.stdout.contains("<body class=\"letter \(letter.kind)\">"))
            }
            // Their request is cited by their reference and the day we received it, in the letter's calendar.
            let theirs = letter.reference == ReplyLetterWorld.request ? "MPS-2011-0088" : "MPS-2011-0091"
            #expect(result.stdout.contains(theirs))
            let received = letter.reference == ReplyLetterWorld.request ? "3" : "10"
            let dates = ["en": "\(received) October 2011", "ja": "平成23年10月\(received)日", "zh-Hans": "2011年10月\(received)日"]
            #expect(result.stdout.contains(dates[letter.lang]!))
            if letter.lang == "ja" { #expect(!result.stdout.contains("2011年10月"), "Japanese letters date by the era") }
        }
    }

    @Test("every golden reply letter in XML validates against letter.xsd with xmllint",
          arguments: ReplyLetterWorld.cases.filter { $0.format == "xml" })
    func goldenValidates(_ letter: ReplyLetterWorld.Case) throws {
        guard !LetterGolden.updating else { return }
        try #require(FileManager.default.isExecutableFile(atPath: LetterGolden.xmllint.path), "xmllint is needed: .ci/run installs libxml2-utils")
        try withSandbox { sandbox in
            try LetterGolden.lint(ReplyLetterWorld.folder.appendingPathComponent(letter.fileName), in: sandbox)
        }
    }

    @Test("the golden folder holds exactly the 30 reply letters")
    func goldenSetIsComplete() throws {
        guard !LetterGolden.updating else { return }
        #expect(try LetterGolden.entries(ReplyLetterWorld.folder) == ReplyLetterWorld.cases.map(\.fileName).sorted())
    }

    @Test("a refusal cites the treaty and each ground recorded, in the treaty's words, in each language")
    func refusalGrounds() throws {
        try withSandbox { sandbox in
            try ReplyLetterWorld.build(sandbox)
            let expected = [
                "en": ["cannot be granted under the <bdi>Treaty between Japan and the People&#39;s Republic of China on Mutual Legal Assistance in Criminal Matters</bdi>, on the following grounds:",
                       "(1) the request, if granted, would prejudice the sovereignty, security, public order or other essential public interests of the requested State",
                       "(2) the act to which the request relates would not be an offence under the laws of the requested State"],
                "ja": ["刑事に関する共助に関する日本国と中華人民共和国との間の条約</bdi>に基づき、次の理由により",
                       "（1）要請に応ずることが被請求国の主権、安全、公の秩序その他の重要な利益を害するおそれがあること",
                       "（2）要請に係る行為が被請求国の法令によれば犯罪を構成しないものであること"],
                "zh-Hans": ["根据<bdi>中华人民共和国和日本国关于刑事司法协助的条约</bdi>，基于下列理由",
                            "（1）执行请求将损害被请求方的主权、安全、公共秩序或者其他重大公共利益",
                            "（2）请求涉及的行为根据被请求方的法律不构成犯罪"],
            ]
            for (lang, phrases) in expected {
                let result = try sandbox.letter([ReplyLetterWorld.refused, "--kind", "refusal", "--lang", lang, "--as-of", "2011-11-01"], today: "2011-12-20")
                try #require(result.status == 0, "\(result)")
                for phrase in phrases { #expect(result.stdout.contains(phrase), "\(lang): \(phrase)") }
            }
        }
    }

    @Test("without --kind: the letter of our latest reply with a letter form, by the letter's date")
    func defaultKind() throws {
        try withSandbox { sandbox in
            try ReplyLetterWorld.build(sandbox)
            for (day, kind) in [("2011-10-05", "acknowledgement"), ("2011-10-25", "supplement-request"), ("2011-11-30", "execution")] {
                let result = try sandbox.letter([ReplyLetterWorld.request, "--format", "xml", "--as-of", day], today: "2011-12-20")
                try #require(result.status == 0, "\(result)")
                #expect(try LetterGolden.validate(result.stdout, in: sandbox).attribute("kind") == kind, "as of \(day)")
            }
        }
    }

    @Test("a reply letter on a request we sent, and a ladder letter on one that came to us, are refused naming the kinds to use")
    func wrongDirection() throws {
        try withSandbox { sandbox in
            try ReplyLetterWorld.build(sandbox)
            let before = try CLI.dump(sandbox.db)
            let reply = try sandbox.letter([LetterCLIWorld.request, "--kind", "acknowledgement", "--as-of", "2011-10-05", "--issue"], today: "2011-12-20")
            #expect(reply.status == 65, "\(reply)")
            #expect(reply.stderr == "comity: request JP-R-001 is one we sent to CN-MPS, and the acknowledgement letter answers a request that came to us; chase this one with --kind reminder, note-verbale, aide-memoire, ministerial or talking-points, or leave out --kind for the recommended step\n")
            let ladder = try sandbox.letter([ReplyLetterWorld.request, "--kind", "note-verbale", "--as-of", "2011-10-05"], today: "2011-12-20")
            #expect(ladder.status == 65, "\(ladder)")
            #expect(ladder.stderr == "comity: request CN-R-017 came to us from CN-MPS, and the note verbale chases a request we sent; answer this one with a reply letter: --kind acknowledgement, supplement-request, partial-execution, execution or refusal\n")
            #expect(try CLI.dump(sandbox.db) == before)
        }
    }

    @Test("a reply letter is signed by no minister, and goes to an authority of the requesting state")
    func choices() throws {
        try withSandbox { sandbox in
            try ReplyLetterWorld.build(sandbox)
            let base = [ReplyLetterWorld.request, "--kind", "acknowledgement", "--as-of", "2011-10-05"]
            let signed = try sandbox.letter(base + ["--signatory", "JP-NPSC"], today: "2011-12-20")
            #expect(signed.status == 65 && signed.stderr.contains("--signatory names the minister who signs a ministerial letter; a reply letter is from our authority that replied"), "\(signed)")
            let ours = try sandbox.letter(base + ["--addressee", "JP-MOFA"], today: "2011-12-20")
            #expect(ours.stderr == "comity: --addressee JP-MOFA is an authority of JP; this letter goes to CN, so choose one of its authorities\n", "\(ours)")
            let chosen = try sandbox.letter(base + ["--addressee", "CN-MFA", "--format", "xml"], today: "2011-12-20")
            try #require(chosen.status == 0, "\(chosen)")
            let root = try LetterGolden.validate(chosen.stdout, in: sandbox)
            #expect(root.children(named: "addressee").first?.attribute("id") == "CN-MFA")
            #expect(root.children(named: "received-request").first?.children(named: "requester").first?.attribute("id") == "CN-MPS")
        }
    }

    @Test("a reply letter with no reply of its kind on record is refused with the 'reply add' command to run")
    func noReplyOnRecord() throws {
        try withSandbox { sandbox in
            try ReplyLetterWorld.build(sandbox)
            let added = try sandbox.comity(["request", "add", "CN-R-019", "--case", "CASE-L", "--from", "CN-MPS", "--to", "JP-NPSC",
                                            "--channel", "central-authority", "--basis", "JP-CN-MLAT", "--subject", "Telephone records",
                                            "--received", "2011-11-01"], today: "2011-11-01")
            try #require(added.status == 0, "\(added)")
            // Received and not yet acknowledged: the acknowledgement is the letter due.
            let due = try sandbox.letter(["CN-R-019", "--as-of", "2011-11-02"], today: "2011-11-02")
            #expect(due.status == 65, "\(due)")
            #expect(due.stderr == "comity: the acknowledgement letter puts our acknowledgement on paper, and none to request CN-R-019 is on record by 2011-11-02; record it first with 'comity reply add CN-R-019 --kind acknowledgement --on 2011-11-02 --summary \"…\" --from JP-NPSC'\n")
            let refusal = try sandbox.letter(["CN-R-019", "--kind", "refusal", "--as-of", "2011-11-02"], today: "2011-11-02")
            #expect(refusal.status == 65, "\(refusal)")
            #expect(refusal.stderr.contains("record it first with 'comity reply add CN-R-019 --kind refusal --on 2011-11-02 --summary \"…\" --grounds … --from JP-NPSC'"))
            // The letter of a reply is for a reply on record by the letter's date.
            let early = try sandbox.letter([ReplyLetterWorld.request, "--kind", "execution", "--as-of", "2011-11-29"], today: "2011-12-20")
            #expect(early.status == 65 && early.stderr.contains("none to request CN-R-017 is on record by 2011-11-29"), "\(early)")
        }
    }

    @Test("issuing numbers a reply letter in our authority's register, records no follow-up and starts no clock; one letter per reply")
    func issue() throws {
        try withSandbox { sandbox in
            try ReplyLetterWorld.build(sandbox)
            let ref = ReplyLetterWorld.request
            let stall = { try sandbox.comity(["report", "stall", "--format", "json", "--as-of", "2011-12-20"], today: "2011-12-20").stdout }
            let stallBefore = try stall()
            let issued = try sandbox.letter([ref, "--kind", "acknowledgement", "--as-of", "2011-10-05", "--issue"], today: "2011-12-20")
            try #require(issued.status == 0, "\(issued)")
            #expect(issued.stderr.hasPrefix("issued acknowledgement JP-NPSC/2011/0001 (SHA-256 "), "\(issued)")

            let list = try sandbox.comity(["letter", "list", ref, "--format", "json"], today: "2011-12-20")
            let entries = try #require(try decodeJSON(list.stdout) as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(entries.first?["kind"] as? String == "acknowledgement" && entries.first?["number"] as? String == "JP-NPSC/2011/0001")
            let shown = try sandbox.comity(["letter", "show", "JP-NPSC/2011/0001"], today: "2011-12-20")
            #expect(shown.stdout == issued.stdout, "the register keeps the letter as issued")
            #expect(shown.stdout.contains("<p class=\"number\">No. JP-NPSC/2011/0001</p>"))

            let store = try ComityStore.open(at: sandbox.db.path)
            #expect(try store.followUps(of: ref).isEmpty, "a reply letter is no follow-up of ours")
            #expect(try store.history(of: ref).allSatisfy { $0.action != .followUp })
            #expect(try LetterGolden.sql(sandbox, "SELECT kind, follow_up_id IS NULL FROM letter;").stdout == "acknowledgement|1\n")
            #expect(try stall() == stallBefore, "no clock started or moved")

            // One letter per reply; another language of it is a preview.
            let again = try sandbox.letter([ref, "--kind", "acknowledgement", "--lang", "ja", "--as-of", "2011-10-06", "--issue"], today: "2011-12-20")
            #expect(again.status == 65, "\(again)")
            #expect(again.stderr == "comity: our acknowledgement of 2011-10-05 to CN-R-017 is already on paper as acknowledgement of receipt JP-NPSC/2011/0001 of 2011-10-05; see 'comity letter show JP-NPSC/2011/0001', or preview another language without --issue\n")

            // A later letter cites the earlier one by number and date.
            let execution = try sandbox.letter([ref, "--kind", "execution", "--format", "xml", "--as-of", "2011-11-30", "--issue"], today: "2011-12-20")
            try #require(execution.status == 0, "\(execution)")
            let root = try LetterGolden.validate(execution.stdout, in: sandbox)
            #expect(root.attribute("number") == "JP-NPSC/2011/0002" && root.attribute("draft") == "false")
            let cite = root.children(named: "citations").first?.children(named: "cite").first
            #expect(cite?.attribute("number") == "JP-NPSC/2011/0001" && cite?.attribute("date") == "2011-10-05")
            #expect(cite?.text == "Acknowledgement of receipt")
            #expect(try store.followUps(of: ref).isEmpty)
        }
    }

    @Test("a letter for every stalled request leaves a request that came to us to its reply: the ball is with us")
    func batchSkipsIncoming() throws {
        try withSandbox { sandbox in
            try ReplyLetterWorld.build(sandbox)
            let folder = sandbox.path("letters")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let added = try sandbox.comity(["request", "add", "CN-R-019", "--case", "CASE-L", "--from", "CN-MPS", "--to", "JP-NPSC",
                                            "--channel", "central-authority", "--basis", "JP-CN-MLAT", "--subject", "Telephone records",
                                            "--received", "2011-10-01"], today: "2011-10-01")
            try #require(added.status == 0, "\(added)")
            let result = try sandbox.letter(["--all-stalled", "--as-of", "2011-12-20", "--out-dir", folder.path], today: "2011-12-20")
            try #require(result.status == 0, "\(result)")
            #expect(result.stderr.contains("skipped CN-R-019: the ball is with us: acknowledge receipt to"), "\(result)")
            #expect(try LetterGolden.entries(folder).allSatisfy { !$0.hasPrefix("CN-R-") })
        }
    }
}
