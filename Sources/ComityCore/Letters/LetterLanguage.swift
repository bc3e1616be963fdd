/// The languages letters are written in; each has its own templates under `templates/<lang>/letter/`.
public enum LetterLanguage: String, Codable, Sendable, CaseIterable {
    case en, ja

    /// A date as this language writes it in a letter: `30 September 2011`, `平成23年9月30日`.
    public func text(_ date: CalendarDate) -> String {
        switch self {
        case .en: return date.longEnglish
        case .ja: return JapaneseEraDate(date).formatted
        }
    }

    public func title(_ kind: EscalationStep) -> String {
        switch self {
        case .en: return kind.title
        case .ja:
            switch kind {
            case .reminder: return "照会状"
            case .noteVerbale: return "口上書"
            case .aideMemoire: return "覚書"
            case .ministerial: return "書簡"
            case .talkingPoints: return "発言要領"
            }
        }
    }

    public func mark(_ classification: Classification) -> String {
        self == .ja ? classification.markJapanese : classification.markEnglish
    }

    /// How a reply of this kind is described in a letter's chronology.
    public func phrase(_ kind: ReplyKind) -> String {
        switch self {
        case .en: return kind.phrase
        case .ja:
            switch kind {
            case .acknowledgement: return "受領の通知"
            case .nonCommittal: return "具体的な対応を示さない回答"
            case .interimStatus: return "中間報告"
            case .supplementRequest: return "追加情報の要請"
            case .partialResults: return "一部の結果の提供"
            case .fullResults: return "結果の提供"
            case .postponement: return "実施延期の通知"
            case .conditionalOffer: return "条件付きの協力の申出"
            case .refusal: return "協力拒否の通知"
            case .premiseRejected: return "前提を否定する回答"
            }
        }
    }

    /// A city's name as this language writes it; unknown cities are left as recorded.
    public func city(_ name: String) -> String {
        guard self == .ja else { return name }
        let japanese = [
            "Beijing": "北京", "Tokyo": "東京", "Shanghai": "上海", "Seoul": "ソウル", "Washington": "ワシントン",
            "Washington, D.C.": "ワシントン", "Moscow": "モスクワ", "London": "ロンドン", "Paris": "パリ", "Berlin": "ベルリン",
            "Hong Kong": "香港", "Taipei": "台北", "Singapore": "シンガポール", "Canberra": "キャンベラ", "Ottawa": "オタワ",
            "New Delhi": "ニューデリー", "Hanoi": "ハノイ", "Manila": "マニラ", "Bangkok": "バンコク", "Jakarta": "ジャカルタ",
        ]
        return japanese[name] ?? name
    }

    /// What a hard limit is, in this language.
    func hardLimit(_ kind: RequestClock.Kind, caseID: String) -> String {
        switch (self, kind) {
        case (.en, .preservation): return "data preserved for this request will be deleted"
        case (.en, _): return "the limitation period of the investigation runs out"
        case (.ja, .preservation): return "本件要請のために保全されたデータの保存期間が満了"
        case (.ja, _): return "本件捜査の公訴時効が完成"
        }
    }
}
