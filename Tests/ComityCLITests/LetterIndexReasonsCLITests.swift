import Foundation
import Testing

/// A batch's index says why a letter was not written in the batch's language; the command line says it in English.
@Suite("reasons in a batch's index")
struct LetterIndexReasonsCLITests {
    struct Expected: Sendable, CustomStringConvertible {
        var tag: String
        /// The start of each request's reason in the index.
        var followedUp, ballWithUs, cannotProduce: String
        var description: String { tag }
    }

    static let languages = [
        Expected(tag: "ja",
                 followedUp: "フォローアップ済み：平成23年11月28日付発言要領（JP-MOFA/2011/0001）。フォローアップ間隔（30日）内のため、次回は平成23年12月28日以降",
                 ballWithUs: "次の対応は当方にある：send the further information",
                 cannotProduce: "JP-MHI-2011-003の発言要領を作成できない。不足している値："),
        Expected(tag: "zh-Hans",
                 followedUp: "已跟进：2011年11月28日的谈话要点（JP-MOFA/2011/0001），仍在30天的跟进间隔内；下次应于2011年12月28日跟进",
                 ballWithUs: "下一步在我方：send the further information",
                 cannotProduce: "无法撰写JP-MHI-2011-003的谈话要点；缺少："),
    ]

    /// The demo with two more requests to China: one waiting on us, one never acknowledged (its values in English only),
    /// and an English batch issued on 2011-11-28.
    static func world(_ sandbox: Sandbox) throws {
        try sandbox.makeLetterDemo()
        func run(_ arguments: [String]) throws {
            let result = try sandbox.comity(arguments, today: "2011-11-28")
            try #require(result.status == 0, "\(result)")
        }
        try run(["request", "add", "JP-MHI-2011-002", "--case", "MHI-2011", "--from", "JP-NPSC", "--to", "CN-MPS",
                 "--channel", "central-authority", "--basis", "JP-CN-MLAT", "--subject", "Relay servers", "--item", "Identify the relays",
                 "--sent", "2011-09-01"])
        try run(["reply", "add", "JP-MHI-2011-002", "--on", "2011-10-01", "--kind", "supplement-request", "--summary", "Asked for the malware hashes."])
        try run(["request", "add", "JP-MHI-2011-003", "--case", "MHI-2011", "--from", "JP-NPSC", "--to", "CN-MPS",
                 "--channel", "central-authority", "--basis", "JP-CN-MLAT", "--subject", "Command servers", "--item", "Preserve the logs",
                 "--sent", "2011-10-03"])
        let issued = sandbox.path("issued")
        try FileManager.default.createDirectory(at: issued, withIntermediateDirectories: false)
        let english = try sandbox.letter(["--all-stalled", "--as-of", "2011-11-28", "--out-dir", issued.path, "--issue"])
        try #require(english.status == 0, "\(english)")
        try #require(english.stderr.contains("issued 2 letter(s)"), "\(english)")
    }

    /// The index of a draft batch in `tag` on 2011-11-28, and what the command printed.
    static func batch(_ sandbox: Sandbox, _ tag: String) throws -> (index: String, stderr: String) {
        let folder = sandbox.path("letters-\(tag)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let result = try sandbox.letter(["--all-stalled", "--lang", tag, "--as-of", "2011-11-28", "--out-dir", folder.path])
        try #require(result.status == 0, "\(result)")
        return (try LetterGolden.read(folder.appendingPathComponent("index.html")), result.stderr)
    }

    static func row(_ reference: String, _ reason: String) -> String {
        "<tr><th><bdi>\(reference)</bdi></th><td><bdi>\(reason)"
    }

    @Test("Japanese and Chinese indexes lead each reason in their language; stderr stays English", arguments: languages)
    func translated(expected: Expected) throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            let (index, stderr) = try Self.batch(sandbox, expected.tag)
            #expect(index.contains(Self.row("JP-MHI-2011-001", expected.followedUp)), "\(index)")
            #expect(index.contains(Self.row("JP-MHI-2011-002", expected.ballWithUs)), "\(index)")
            #expect(index.contains(Self.row("JP-MHI-2011-003", expected.cannotProduce)), "\(index)")
            for english in ["the ball is with us", "already followed up", "cannot produce", "no letter is the next step"] {
                #expect(!index.contains(english), "\(english) in the \(expected.tag) index")
            }
            #expect(stderr.contains("skipped JP-MHI-2011-001: already followed up: talking points JP-MOFA/2011/0001 of 2011-11-28"), "\(stderr)")
            #expect(stderr.contains("skipped JP-MHI-2011-002: the ball is with us: "), "\(stderr)")
            #expect(stderr.contains("skipped JP-MHI-2011-003: cannot produce the talking points for JP-MHI-2011-003; missing: "), "\(stderr)")
        }
    }

    @Test("an English index gives the reasons as before, its dates as the index writes dates")
    func english() throws {
        try withSandbox { sandbox in
            try Self.world(sandbox)
            let (index, _) = try Self.batch(sandbox, "en")
            #expect(index.contains(Self.row("JP-MHI-2011-001",
                "already followed up: talking points JP-MOFA/2011/0001 of 28 November 2011, within the follow-up interval of 30 days; the next is due on 28 December 2011")),
                "\(index)")
            #expect(index.contains(Self.row("JP-MHI-2011-002", "the ball is with us: send the further information")), "\(index)")
            #expect(index.contains(Self.row("JP-MHI-2011-003", "already followed up: talking points JP-MOFA/2011/0002 of 28 November 2011")), "\(index)")
        }
    }
}
