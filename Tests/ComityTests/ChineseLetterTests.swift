import ComityCore
import ComityWorlds
import Testing

/// The Simplified Chinese courtesy translation that accompanies a note to Beijing.
@Suite("Chinese letters")
struct ChineseLetterTests {
    static let zh = LetterLanguage(rawValue: "zh-Hans")!
    static let mhi = DemoWorld.mhiRequest

    @Test("照会: …向…致意，并谨就…, closes 顺致崇高的敬意, dated 2011年11月28日于北京, Western-year dates, a range naming the year once")
    func noteVerbale() throws {
        let world = try LetterWorld.demo()
        let xml = try world.preview(.noteVerbale, Self.zh, .xml, of: Self.mhi, on: "2011-11-28").document
        let root = try LetterFixtures.parse(xml)
        #expect(root.attribute("lang") == "zh-Hans")
        let paragraphs = LetterFixtures.paragraphs(root)
        let first = try #require(paragraphs.first)
        #expect(first.contains("向") && first.contains("致意，并谨就2011年9月30日"))
        #expect(first.hasSuffix("一事，照会如下："))
        #expect(try #require(paragraphs.last).hasSuffix("顺致崇高的敬意。"))
        #expect(LetterFixtures.element(root, "title")?.text == "照会")
        #expect(LetterFixtures.element(root, "mark")?.text == "注意处理")
        #expect(LetterFixtures.element(root, "closing/place-date")?.text == "2011年11月28日于北京")
        #expect(LetterFixtures.element(root, "closing/signature") == nil, "a note is unsigned")
        #expect(xml.contains("2011年10月14日（请求提出后14天）：未表明具体处理的答复"))
        #expect(xml.contains("<dates>2011年12月25日至26日</dates>"))
        #expect(!xml.contains("平成"), "Chinese letters use Western years")
    }

    @Test("every kind renders in Chinese, titled as a Chinese ministry titles it", arguments: [
        (EscalationStep.reminder, "催办函"), (.noteVerbale, "照会"), (.aideMemoire, "备忘录"), (.ministerial, "部长信函"), (.talkingPoints, "谈话要点"),
    ])
    func everyKind(kind: EscalationStep, title: String) throws {
        let world = try LetterWorld.demo()
        for format in DocumentKind.allCases {
            let document = try world.preview(kind, Self.zh, format, of: Self.mhi, on: "2011-11-28").document
            #expect(document.contains(title), "\(format)")
            #expect(document.contains("2011年11月28日"), "\(format)")
        }
    }

    @Test("a Chinese talking point is assembled from the Chinese sentences of the phrase file")
    func talkingPoint() throws {
        let world = try LetterWorld.demo()
        let html = try world.preview(.talkingPoints, Self.zh, .html, of: Self.mhi, on: "2011-11-28").document
        #expect(html.contains("提出我方2011年9月30日的请求（JP-MHI-2011-001）"))
        #expect(html.contains("此后45天没有任何进展。迄今没有实质性答复。"))
    }
}
