@_spi(Worlds) import Comity

/// The demo's values in Japanese and Simplified Chinese, as the ministries would write them:
/// every value its letters quote.
extension DemoWorld {
    /// One field of one record in Japanese (`ja`) and Simplified Chinese (`zh-Hans`).
    struct Entry {
        let subject: Event.Subject
        let id: String
        let field: TranslatedField
        let ja: [String]
        let zh: [String]

        init(_ subject: Event.Subject, _ id: String, _ field: TranslatedField, ja: String, zh: String) {
            self.init(subject, id, field, ja: [ja], zh: [zh])
        }

        init(_ subject: Event.Subject, _ id: String, _ field: TranslatedField, ja: [String], zh: [String]) {
            self.subject = subject
            self.id = id
            self.field = field
            self.ja = ja
            self.zh = zh
        }
    }

    /// Each authority's name, city, and its head's title and name, in Japanese and Chinese.
    static let authorityValues: [(id: String, ja: [String], zh: [String])] = [
        ("JP-NPSC", ["国家公安委員会", "東京", "国家公安委員会委員長", "山岡賢次"], ["国家公安委员会", "东京", "国家公安委员会委员长", "山冈贤次"]),
        ("JP-MOJ", ["法務省", "東京", "法務大臣", "平岡秀夫"], ["法务省", "东京", "法务大臣", "平冈秀夫"]),
        ("JP-NPA", ["警察庁", "東京"], ["警察厅", "东京"]),
        ("JP-TMPD", ["警視庁", "東京"], ["警视厅", "东京"]),
        ("JP-MOFA", ["外務省", "東京", "外務大臣", "玄葉光一郎"], ["外务省", "东京", "外务大臣", "玄叶光一郎"]),
        ("JP-EMB-CN", ["在中華人民共和国日本国大使館", "北京", "駐中華人民共和国日本国特命全権大使", "丹羽宇一郎"],
         ["日本国驻华大使馆", "北京", "日本国驻中华人民共和国特命全权大使", "丹羽宇一郎"]),
        ("CN-MPS", ["中華人民共和国公安部", "北京", "公安部長", "孟建柱"], ["中华人民共和国公安部", "北京", "公安部部长", "孟建柱"]),
        ("CN-MOJ", ["中華人民共和国司法部", "北京", "司法部長", "呉愛英"], ["中华人民共和国司法部", "北京", "司法部部长", "吴爱英"]),
        ("CN-MFA", ["中華人民共和国外交部", "北京", "外交部長", "楊潔篪"], ["中华人民共和国外交部", "北京", "外交部部长", "杨洁篪"]),
    ]

    static var entries: [Entry] {
        var entries: [Entry] = [
            Entry(.party, "JP", .name, ja: "日本国", zh: "日本国"),
            Entry(.party, "CN", .name, ja: "中華人民共和国", zh: "中华人民共和国"),
            Entry(.party, "US", .name, ja: "アメリカ合衆国", zh: "美利坚合众国"),
        ]
        let fields: [TranslatedField] = [.name, .city, .headTitle, .headName]
        for (id, ja, zh) in authorityValues {
            for (field, (ja, zh)) in zip(fields, zip(ja, zh)) { entries.append(Entry(.authority, id, field, ja: ja, zh: zh)) }
        }
        return entries + [
            Entry(.basis, "JP-CN-MLAT", .instrument,
                  ja: "刑事に関する共助に関する日本国と中華人民共和国との間の条約", zh: "中华人民共和国和日本国关于刑事司法协助的条约"),
            Entry(.basis, "BUDAPEST", .instrument, ja: "サイバー犯罪に関する条約", zh: "欧洲委员会网络犯罪公约"),
            Entry(.case, "MHI-2011", .title, ja: "三菱重工業に対する不正アクセス事件", zh: "三菱重工业遭非法入侵案"),
            Entry(.request, mhiRequest, .subject,
                  ja: "三菱重工業に対する不正アクセス事件の発信源の追跡", zh: "追查三菱重工业遭非法入侵事件的源头"),
            Entry(.request, mhiRequest, .items, ja: [
                "三菱重工業で発見された不正プログラムが通信していた中国国内のサーバを特定すること",
                "当該サーバのアクセスログを保全し、提供すること",
                "当該サーバを登録し、又は運用していた者を特定すること",
            ], zh: [
                "查明在三菱重工业发现的恶意程序曾与之通信的中国境内服务器",
                "保全并提供上述服务器的访问日志",
                "查明注册或运营上述服务器的人员",
            ]),
            Entry(.engagement, nodaVisit, .title, ja: "野田内閣総理大臣の北京訪問", zh: "日本国首相野田佳彦访问北京"),
            Entry(.case, "JPS-2015", .title, ja: "日本年金機構に対する不正アクセス事件", zh: "日本年金机构遭非法入侵案"),
            Entry(.request, pensionRequest, .subject,
                  ja: "日本年金機構の感染端末が通信した中国国内のサーバ", zh: "日本年金机构受感染终端曾与之通信的中国境内服务器"),
            Entry(.request, pensionRequest, .items, ja: [
                "感染端末が通信した中国国内のサーバの運用者を特定すること",
                "当該サーバの2015年5月の接続記録を提供すること",
            ], zh: [
                "查明受感染终端曾与之通信的中国境内服务器的运营者",
                "提供上述服务器2015年5月的连接记录",
            ]),
            Entry(.case, "JAXA-TICK", .title,
                  ja: "宇宙航空研究開発機構（JAXA）等約200の組織に対するサイバー攻撃事件（Tick）",
                  zh: "针对日本宇宙航空研究开发机构（JAXA）等约200家机构的网络攻击案（Tick）"),
            Entry(.request, jaxaRequest, .subject,
                  ja: "宇宙航空研究開発機構（JAXA）等に対するサイバー攻撃事件の被疑者の取調べ",
                  zh: "就针对日本宇宙航空研究开发机构（JAXA）等的网络攻击案询问犯罪嫌疑人"),
            Entry(.request, jaxaRequest, .items, ja: [
                "2021年4月20日に書類送検された中国人システムエンジニアを取り調べること",
                "攻撃に使用されたサーバの登録に関する情報を提供すること",
            ], zh: [
                "询问于2021年4月20日被移送检察机关的中国籍系统工程师",
                "提供攻击所用服务器的注册信息",
            ]),
            Entry(.case, incomingCase, .title,
                  ja: "中国への共助：中華人民共和国公安部が捜査する詐欺事件（仮の値）", zh: "对华协助：中华人民共和国公安部侦查的诈骗案（替代值）"),
            Entry(.request, incomingRequest, .subject,
                  ja: "中国で捜査中の詐欺事件に使用された日本国内のアカウントの契約者情報（仮の値）",
                  zh: "在中国侦查中的诈骗案所使用的日本境内账户的用户信息（替代值）"),
            Entry(.request, incomingRequest, .items, ja: [
                "請求書に記載されたアカウントの契約者情報を提供すること",
                "当該アカウントの2011年6月から8月までのアクセス記録を提供すること",
            ], zh: [
                "提供请求书所列账户的用户信息",
                "提供上述账户2011年6月至8月的访问记录",
            ]),
        ]
    }

    /// The summaries of the demo's replies, by request.
    static let replySummaries: [(request: String, ja: String, zh: String)] = [
        (mhiRequest, "中国側は、関係当局に連絡すると述べた。", "中方表示将与有关部门联系。"),
        (jaxaRequest, "中国側は、本件を「承知していない」とし、サイバー問題を利用して中国に「泥を塗る」ことに反対すると述べた。",
         "中方表示对此事“不了解”，反对借网络问题对中国“抹黑”。"),
        (incomingRequest, "本件請求は、執行のため警察庁に送付された（仮の値）。", "该请求已转交警察厅执行（替代值）。"),
    ]

    /// Recorded with the world, as part of each record: no correction of their own in the history.
    static func translate(_ store: ComityStore) throws(ComityError) {
        var all = entries
        for summary in replySummaries {
            guard let reply = try store.replies(to: summary.request).first?.id else { continue }
            all.append(Entry(.reply, String(reply), .summary, ja: summary.ja, zh: summary.zh))
        }
        try store.seedTranslations(all.flatMap { entry in
            [Translation(entry.subject, entry.id, entry.field, lang: "ja", value: entry.ja),
             Translation(entry.subject, entry.id, entry.field, lang: "zh-Hans", value: entry.zh)]
        })
    }
}
