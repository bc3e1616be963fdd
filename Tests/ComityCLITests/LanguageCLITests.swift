import ComityRender
import Foundation
import Testing

/// Languages are folders of templates with a phrase file: a new one needs no change to Comity.
@Suite("letter languages from files")
struct LanguageCLITests {
    static let french = LetterGolden.repository.appendingPathComponent("Tests/Fixtures/languages/fr", isDirectory: true)

    /// A copy of the shipped templates in the sandbox, with the languages of `extra` added.
    static func templates(in sandbox: Sandbox, adding extra: [URL] = []) throws -> URL {
        let folder = sandbox.path("templates")
        try FileManager.default.copyItem(at: LetterGolden.templates, to: folder)
        for language in extra {
            try FileManager.default.copyItem(at: language, to: folder.appendingPathComponent(language.lastPathComponent))
        }
        return folder
    }

    /// The demo's values a note verbale quotes, in French.
    static let frenchValues: [[String]] = [
        ["authority", "JP-EMB-CN", "--name", "Ambassade du Japon en République populaire de Chine", "--city", "Pékin"],
        ["authority", "CN-MFA", "--name", "Ministère des Affaires étrangères de la République populaire de Chine"],
        ["party", "JP", "--name", "Japon"],
        ["party", "CN", "--name", "République populaire de Chine"],
        ["basis", "JP-CN-MLAT", "--instrument", "Traité d'entraide judiciaire en matière pénale entre le Japon et la République populaire de Chine"],
        ["request", "JP-MHI-2011-001", "--subject", "Recherche de l'origine de l'intrusion chez Mitsubishi Heavy Industries",
         "--item", "Identifier les serveurs situés en Chine avec lesquels le logiciel malveillant a communiqué",
         "--item", "Conserver et communiquer les journaux d'accès de ces serveurs",
         "--item", "Identifier les personnes qui ont enregistré ou exploité ces serveurs"],
        ["case", "MHI-2011", "--title", "Intrusion chez Mitsubishi Heavy Industries"],
        ["reply", "1", "--summary", "La Chine a indiqué qu'elle prendrait contact avec les autorités compétentes."],
        ["engagement", "NODA-BEIJING-2011", "--title", "Visite du Premier ministre Noda à Pékin"],
    ]

    static func letter(_ sandbox: Sandbox, _ arguments: [String], templates: URL) throws -> RunResult {
        try sandbox.comity(["letter", LetterGolden.request, "--as-of", LetterGolden.date, "--templates", templates.path] + arguments,
                           today: LetterGolden.date)
    }

    @Test("a fourth language added as a folder renders a note verbale in it, XML valid against letter.xsd")
    func frenchFromFiles() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let templates = try Self.templates(in: sandbox, adding: [Self.french])
            // The values the clerk entered have no French yet: the letter is refused, listing each.
            let refused = try Self.letter(sandbox, ["--kind", "note-verbale", "--lang", "fr", "--format", "xml"], templates: templates)
            #expect(refused.status == 65)
            #expect(refused.stderr.contains("the fr subject of request JP-MHI-2011-001 (record it with 'comity translate request JP-MHI-2011-001 --lang fr --subject …')"))
            #expect(refused.stderr.components(separatedBy: "; missing: ").last?.components(separatedBy: "; ").count == 11, "\(refused.stderr)")
            for arguments in Self.frenchValues {
                let recorded = try sandbox.comity(["translate"] + arguments + ["--lang", "fr"], today: LetterGolden.date)
                try #require(recorded.status == 0, "\(recorded)")
            }
            let xml = try Self.letter(sandbox, ["--kind", "note-verbale", "--lang", "fr", "--format", "xml"], templates: templates)
            try #require(xml.status == 0, "\(xml)")
            let root = try LetterGolden.validate(xml.stdout, in: sandbox)
            #expect(root.attribute("lang") == "fr")
            #expect(root.children(named: "mark").first?.text == "DIFFUSION RESTREINTE")
            #expect(root.children(named: "title").first?.text == "Note verbale")
            #expect(xml.stdout.contains("Pékin, le 28 novembre 2011"))
            #expect(xml.stdout.contains("<dates>du 25 au 26 décembre 2011</dates>"))
            #expect(xml.stdout.contains("(14 jours après la demande) : réponse sans engagement"))
            let html = try Self.letter(sandbox, ["--kind", "note-verbale", "--lang", "fr", "--format", "html"], templates: templates)
            try #require(html.status == 0, "\(html)")
            #expect(html.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
            #expect(html.stdout.contains("PROJET — NON ÉMIS"))
            #expect(html.stdout.contains("59 jours se sont écoulés"))
        }
    }

    @Test("a language with no folder is refused in one sentence listing those available; a malformed tag too")
    func unknownLanguage() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let result = try sandbox.letter([LetterGolden.request, "--lang", "de"])
            #expect(result.status != 0 && result.stdout.isEmpty)
            #expect(result.stderr.contains("no language 'de'"), "\(result)")
            #expect(result.stderr.contains("the languages available are: en, ja, zh-Hans"), "\(result)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result)")
            let batch = try sandbox.letter(["--all-stalled", "--lang", "de", "--out-dir", sandbox.path("out").path])
            #expect(batch.status != 0 && batch.stderr.contains("the languages available are: en, ja, zh-Hans"), "\(batch)")
            #expect(!FileManager.default.fileExists(atPath: sandbox.path("out").path), "nothing written")
            let malformed = try sandbox.letter([LetterGolden.request, "--lang", "e n"])
            #expect(malformed.status != 0 && malformed.stderr.contains("'e n' is not a language tag"), "\(malformed)")
        }
    }

    @Test("a phrase file missing a key, or with a malformed pattern, is refused naming the file and the key",
          arguments: [
            ("talkingPoints.raise", #""raise": "Évoquer notre demande du {sent} ({reference}) : {subject}.","#, ""),
            ("talkingPoints.raise", "{sent}", "{envoi}"),
            ("dates.day", #""day": "{day} {month} {year}""#, #""day": "{day} {month {year}""#),
          ])
    func brokenPhraseFile(key: String, find: String, replace: String) throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let templates = try Self.templates(in: sandbox, adding: [Self.french])
            let file = templates.appendingPathComponent("fr/phrases.json")
            let text = try String(contentsOf: file, encoding: .utf8)
            try #require(text.contains(find))
            try Data(text.replacingOccurrences(of: find, with: replace).utf8).write(to: file)
            let result = try Self.letter(sandbox, ["--kind", "note-verbale", "--lang", "fr"], templates: templates)
            #expect(result.status != 0 && result.stdout.isEmpty, "\(result)")
            #expect(result.stderr.contains(file.lastPathComponent) && result.stderr.contains("fr/phrases.json"), "\(result)")
            #expect(result.stderr.contains("the key \(key) "), "\(result)")
            // The other languages are untouched.
            let english = try Self.letter(sandbox, ["--kind", "note-verbale"], templates: templates)
            #expect(english.status == 0, "\(english)")
        }
    }

    @Test("a Japanese batch's index is in Japanese: title, counts, column heads, kinds and mark")
    func japaneseIndex() throws {
        try withSandbox { sandbox in
            try sandbox.makeLetterDemo()
            let folder = sandbox.path("letters")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let result = try sandbox.letter(["--all-stalled", "--lang", "ja", "--as-of", "2011-11-28", "--out-dir", folder.path])
            try #require(result.status == 0, "\(result)")
            let index = try LetterGolden.read(folder.appendingPathComponent("index.html"))
            #expect(index.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\">"))
            #expect(index.contains("<title>フォローアップ文書一覧（平成23年11月28日）</title>"))
            #expect(index.contains("1通、案（未発出）。"))
            #expect(index.contains("<tr><th>要請</th><th>文書</th><th>番号</th><th>発出者</th></tr>"))
            #expect(index.contains(">発言要領</a></td><td>案</td>"))
            #expect(index.contains("<div class=\"mark top\">取扱注意</div>"))
            #expect(!index.contains("Follow-up letters") && !index.contains("draft"))
        }
    }
}
