import Foundation

extension Desk {
    /// What a letter batch would render, without rendering it: for each letter of
    /// `letterBatch(date:counterpart:language:format:…)` (previews, not issued), in the batch's
    /// order, one JSON object `{"reference": …, "template": …, "context": {…}}` with the template's
    /// name and the values it is rendered with, exactly as the template sees them (day phrases
    /// added). Stalled requests that get no letter are left out, as the batch leaves them out.
    ///
    /// For measuring the rendering alone against the whole batch (`Benchmarks/RenderFloor`);
    /// nothing is recorded.
    package func letterBatchContexts(
        date: CalendarDate, counterpart: String?, phrases: Phrasebook, format: DocumentKind,
        _ body: (_ json: Data) throws -> Void
    ) throws(ComityError) {
        let clearance = clearance
        let language = phrases.language
        try store.read { db in
            let scope = ComityStore.StallScope(asOf: date, counterpart: counterpart, clearance: clearance)
            let cache = LetterFacts.Cache()
            let context = try StallContext(db, asOf: date)
            let encoder = JSONEncoder()
            var waiting: [Assessment] = []
            // Composed in groups, as the batch composes them, each group's facts read at once.
            func compose() throws {
                try cache.preload(db, references: ComityStore.batchCandidates(waiting), asOf: date)
                for a in waiting {
                    let spec = LetterSpec(reference: a.reference, language: language, format: format, date: date, clearance: clearance)
                    guard case .letter(let composer) = try ComityStore.batchChoice(db, a, spec, cache: cache, context: context) else { continue }
                    // Named as ComityStore.render names it.
                    let template = "\(language.rawValue)/letter/\(composer.kind.rawValue).\(format.rawValue)"
                    let context = composer.context(number: nil, phrases: phrases)
                    try body(encoder.encode(ContextEntry(reference: a.reference, template: template, context: .init(.object(context)))))
                }
                waiting.removeAll(keepingCapacity: true)
            }
            try ComityStore.forEachAssessment(db, scope, context: context) { assessment in
                waiting.append(assessment)
                if waiting.count == ComityStore.letterGroup { try compose() }
            }
            try compose()
        }
    }
}

private struct ContextEntry: Encodable {
    let reference: String
    let template: String
    let context: EncodedTemplateValue
}

/// A template value as plain JSON: text, number, true/false, array, object.
private struct EncodedTemplateValue: Encodable {
    let value: TemplateValue

    init(_ value: TemplateValue) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .flag(let flag): try container.encode(flag)
        case .list(let items): try container.encode(items.map(Self.init))
        case .object(let fields): try container.encode(fields.mapValues(Self.init))
        }
    }
}
