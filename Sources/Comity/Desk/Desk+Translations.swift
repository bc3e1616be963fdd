/// Translations: the values letters quote, recorded in the languages letters are written in.
///
/// English is the language of the record itself; every other language (`ja`, `zh-Hans`) keeps
/// its values here, field by field. A letter in a language refuses to be written until every
/// value it quotes has one.
///
///     try desk.translate(.request, "JP-MHI-2011-001", lang: "zh-Hans",
///                        [.subject: ["追查三菱重工业遭受非法入侵事件的来源"]])
extension Desk {
    /// Records (a value) or clears (nil) the values of fields of a record in one language, in one
    /// transaction, each change a 'corrected' event whose field is `FIELD@LANG`. A record above
    /// the clearance is refused by its identifier alone.
    @discardableResult
    public func translate(
        _ subject: Event.Subject, _ id: String, lang: String, _ values: [TranslatedField: [String]?], reason: String = "translation"
    ) throws(ComityError) -> [Event] {
        try store.translate(subject, id, lang: lang, values, reason: reason, clearance: clearance, by: clerk)
    }

    /// Every translation of one record, in every language.
    public func translations(of subject: Event.Subject, _ id: String) throws(ComityError) -> [Translation] {
        try store.translations(of: subject, id, clearance: clearance)
    }
}
