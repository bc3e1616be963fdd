/// The counterparts' record as the values its XML and HTML templates show.
///
/// Every key is always present: a figure that cannot be given (a median of no replies) is
/// `false`, and the templates leave it out (XML) or show a dash (HTML).
extension CounterpartRecord {
    public var templateContext: [String: TemplateValue] {
        [
            "title": .text(title),
            "asOf": .object(["iso": .text(asOf.iso), "long": .text(asOf.longEnglish)]),
            "classification": .text(classification.rawValue),
            "mark": .text(classification.markEnglish),
            "withheld": .number(withheld),
            "incomingRecorded": .flag(incomingRecorded),
            "percentileMethod": .text(percentileMethod),
            "dayCount": .text(dayCount),
            "scopeText": .text(scopeText),
            "scope": .object([
                "counterpart": .text(scope.counterpart ?? ""), "channel": .text(scope.channel?.rawValue ?? ""),
                "from": .text(scope.from?.iso ?? ""), "to": .text(scope.to?.iso ?? ""),
            ]),
            "notes": .list(notes.map { .text($0) }),
            "isEmpty": .flag(counterparts.isEmpty),
            "emptyText": .text(emptyText),
            "buckets": .list(buckets.map { b in
                .object(["label": .text(b.label), "from": .number(b.from), "to": b.to.map { TemplateValue.object(["value": .number($0)]) } ?? .flag(false)])
            }),
            "columns": .list(Self.columnTitles.map { .text($0.text) }),
            "counterparts": .list(counterparts.map { c in
                .object([
                    "code": .text(c.code), "name": .text(c.name), "total": context(c.total),
                    "summary": .text(Self.summary(c.total, incoming: incomingRecorded)),
                    "substantiveDays": .list(zip(buckets, c.substantiveDays).map { TemplateValue.object(["label": .text($0.0.label), "count": .number($0.1)]) }),
                    "noSubstantiveReply": .number(c.noSubstantiveReply),
                    "chart": chart(c),
                    "rows": .list(c.rows.map { r in
                        .object(["channel": .text(r.channel.rawValue), "year": .number(r.year), "figures": context(r.figures)])
                    }),
                ])
            }),
        ]
    }

    /// One group's figures: each count, each optional figure as `{value}` or false, and `cells`,
    /// the table's cells after channel and year as the text shows them.
    func context(_ f: Figures) -> TemplateValue {
        func optionalNumber(_ n: Int?) -> TemplateValue { n.map { TemplateValue.object(["value": .number($0)]) } ?? .flag(false) }
        func optionalText(_ s: String?) -> TemplateValue { s.map { TemplateValue.object(["value": .text($0)]) } ?? .flag(false) }
        return .object([
            "sent": .number(f.sent), "received": .number(f.received), "acknowledged": .number(f.acknowledged),
            "ackMedian": optionalNumber(f.daysToAcknowledgementMedian), "ackP90": optionalNumber(f.daysToAcknowledgementP90),
            "answered": .number(f.substantivelyAnswered),
            "answerMedian": optionalNumber(f.daysToSubstantiveReplyMedian), "answerP90": optionalNumber(f.daysToSubstantiveReplyP90),
            "replies": .number(f.replies), "substantiveReplies": .number(f.substantiveReplies),
            "nonCommittal": .number(f.nonCommittalReplies), "premiseRejected": .number(f.premiseRejectedReplies),
            "refusals": .number(f.refusals),
            "nonCommittalShare": optionalText(Self.shareText(f.nonCommittalShare)),
            "premiseRejectedShare": optionalText(Self.shareText(f.premiseRejectedShare)),
            "refusalShare": optionalText(Self.shareText(f.refusalShare)),
            "overdueWithThem": .number(f.overdueWithThem), "overdueWithUs": .number(f.overdueWithUs),
            "followUps": .number(f.followUps), "followUpsPerAnswer": optionalText(Self.ratioText(f.followUpsPerSubstantiveReply)),
            "cells": .list(Self.cells(f, incoming: incomingRecorded).map { .text($0) }),
        ])
    }
}
