import Foundation
import GRDB
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender

/// People on letters: who signs, to whom a letter is addressed, who makes the démarche.
@Suite struct LetterPeopleTests {
    static func missing(_ error: ComityError) -> [String] { LetterComposerTests.missingItems(error) }

    @Test("a ministerial letter without the ministers' names is refused, listing each with how to record it")
    func ministerialNeedsTheMinisters() throws {
        var options = LetterWorld.Options()
        options.heads = false
        let world = try LetterWorld.constructed(options)
        try world.send()
        let error = try letterError { try world.preview(.ministerial, .en, .xml, on: "2011-11-28") }
        #expect(Self.missing(error) == [
            "the title and name of the head of JP-NPSC, who signs a ministerial letter (record them with 'comity authority head JP-NPSC --head-title … --head-name …', or choose the signing minister with --signatory)",
            "the title and name of the head of CN-MPS, to whom a ministerial letter is addressed (record them with 'comity authority head CN-MPS --head-title … --head-name …')",
        ])
        let ja = try letterError { try world.preview(.aideMemoire, .ja, .xml, on: "2011-11-28") }
        #expect(Self.missing(ja) == [
            "the ja title and name of the head of JP-EMB-CN, the ambassador who makes the démarche and leaves the aide-mémoire (record them with 'comity translate authority JP-EMB-CN --lang ja --head-title … --head-name …')",
        ])
        // A note verbale and a reminder name nobody, and need nobody's name.
        _ = try world.preview(.noteVerbale, .en, .xml, on: "2011-11-28")
        _ = try world.preview(.reminder, .ja, .xml, on: "2011-11-28")

        // Recorded now, the letter is written; the history keeps who headed it before.
        let clerk = world.clerk("2011-11-28")
        try world.store.setHead(of: "JP-NPSC", to: Authority.Head(title: "Chairman of the National Public Safety Commission", name: "Kenji Yamaoka"), by: clerk)
        try world.store.setHead(of: "CN-MPS", to: Authority.Head(title: "Minister of Public Security", name: "Meng Jianzhu"), by: clerk)
        let root = try LetterFixtures.parse(try world.preview(.ministerial, .en, .xml, on: "2011-11-28").document)
        #expect(LetterFixtures.element(root, "closing/signature/name")?.text == "Kenji Yamaoka")
        let history = try world.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT note FROM event WHERE subject_type = 'authority' AND subject_id = 'JP-NPSC' ORDER BY id")
        }
        #expect(history.last == "head: none recorded → Chairman of the National Public Safety Commission Kenji Yamaoka")
    }

    @Test("an aide-mémoire names the ambassador who makes the démarche, and nobody signs it")
    func aideMemoireIsTheAmbassadors() throws {
        let world = try LetterWorld.constructed()
        try world.send()
        let root = try LetterFixtures.parse(try world.preview(.aideMemoire, .en, .xml, on: "2011-11-28").document)
        #expect(LetterFixtures.element(root, "demarche")?.text == "Uichiro Niwa")
        #expect(LetterFixtures.element(root, "demarche")?.attribute("title") == "Ambassador of Japan to the People's Republic of China")
        #expect(LetterFixtures.element(root, "closing/signature") == nil)
        let note = try LetterFixtures.parse(try world.preview(.noteVerbale, .en, .xml, on: "2011-11-28").document)
        #expect(LetterFixtures.element(note, "demarche") == nil && LetterFixtures.element(note, "recipient") == nil)
    }

    @Test("--signatory and --addressee choose who signs and who receives a ministerial letter")
    func chosenSignatoryAndAddressee() throws {
        let world = try LetterWorld.constructed()
        try world.send()
        let setup = world.clerk("2011-11-28")
        try world.store.setHead(of: "JP-MOFA", to: Authority.Head(title: "Minister for Foreign Affairs", name: "Koichiro Gemba"), by: setup)
        try world.store.setHead(of: "CN-MFA", to: Authority.Head(title: "Minister of Foreign Affairs", name: "Yang Jiechi"), by: setup)
        try world.ja(.authority, "JP-MOFA", [.headTitle: "外務大臣", .headName: "玄葉光一郎"], on: "2011-11-28")
        try world.ja(.authority, "CN-MFA", [.headTitle: "外交部長", .headName: "楊潔篪"], on: "2011-11-28")
        var spec = world.spec(.ministerial, .ja, .xml, on: "2011-11-28")
        spec.signatory = "JP-MOFA"
        spec.addressee = "CN-MFA"
        let letter = try world.store.issueLetter(spec, renderer: world.renderer, by: setup)
        #expect(letter.sender == "JP-MOFA")
        #expect(letter.number == "JP-MOFA/2011/0001")
        let root = try LetterFixtures.parse(letter.document)
        #expect(LetterFixtures.element(root, "closing/signature/name")?.text == "玄葉光一郎")
        #expect(LetterFixtures.element(root, "recipient")?.text == "楊潔篪")

        func refusal(_ kind: EscalationStep, signatory: String? = nil, addressee: String? = nil) throws -> String {
            var spec = world.spec(kind, .en, .xml, on: "2011-11-28")
            spec.signatory = signatory
            spec.addressee = addressee
            return try letterError { try world.store.previewLetter(spec, renderer: world.renderer) }.description
        }
        #expect(try refusal(.noteVerbale, signatory: "JP-MOFA")
                == "--signatory names the minister who signs a ministerial letter; the note verbale is signed by no one named, so leave it out")
        #expect(try refusal(.ministerial, signatory: "CN-MFA")
                == "--signatory CN-MFA is an authority of CN; a letter this desk sends is signed by an authority of JP")
        #expect(try refusal(.ministerial, signatory: "JP-EMB-CN").hasPrefix("--signatory JP-EMB-CN is an embassy; a ministerial letter is from a minister to a minister"))
        #expect(try refusal(.aideMemoire, addressee: "CN-MFA").hasPrefix("--addressee names whom a letter goes to; the aide-mémoire bears no address"))
        #expect(try refusal(.reminder, addressee: "JP-MOFA").hasPrefix("--addressee JP-MOFA is an authority of JP; this letter goes to CN"))
        #expect(try refusal(.ministerial, signatory: "JP-NOBODY").contains("no authority 'JP-NOBODY' is recorded"))
    }
}
