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
            "ourState": ourState.map { TemplateValue.object(["value": .text($0)]) } ?? .flag(false),
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
                    "summaries": .list([Direction.outgoing, .incoming].map { .text(Self.summary(c.total, $0)) }),
                    "substantiveDays": .list([(Direction.outgoing, c.theirDays), (.incoming, c.ourDays)].map { direction, days in
                        .object(["direction": .text(Self.label(direction)), "none": .number(days.noSubstantiveReply), "buckets": counts(days.buckets)])
                    }),
                    "openByAge": .list([(Direction.outgoing, c.openWithThemByAge), (.incoming, c.openWithUsByAge)].map { direction, ages in
                        .object(["direction": .text(Self.label(direction)), "buckets": counts(ages)])
                    }),
                    "charts": .list(charts(c).map(\.templateValue)),
                    "lines": .list(tableRows(c).map { cells in .object(["cells": .list(cells.map { .text($0) })]) }),
                    "rows": .list(c.rows.map { r in
                        .object(["channel": .text(r.channel.rawValue), "year": .number(r.year), "figures": context(r.figures)])
                    }),
                ])
            }),
        ]
    }

    /// Counts a bucket, with each bucket's label.
    func counts(_ counts: [Int]) -> TemplateValue {
        .list(zip(buckets, counts).map { TemplateValue.object(["label": .text($0.0.label), "count": .number($0.1)]) })
    }

    /// One group's figures: the counts both ways, then `theirs` and `ours`.
    func context(_ f: Figures) -> TemplateValue {
        .object([
            "sent": .number(f.sent), "received": .number(f.received),
            "followUps": .number(f.followUps), "followUpsPerAnswer": Self.optional(Self.ratioText(f.followUpsPerSubstantiveReply)),
            "theirs": context(f.theirs), "ours": context(f.ours),
        ])
    }

    /// How one side answered: each count, each optional figure as `{value}` or false.
    func context(_ a: Answers) -> TemplateValue {
        func optionalNumber(_ n: Int?) -> TemplateValue { Self.optional(n.map(String.init)) }
        return .object([
            "acknowledged": .number(a.acknowledged),
            "ackMedian": optionalNumber(a.daysToAcknowledgementMedian), "ackP90": optionalNumber(a.daysToAcknowledgementP90),
            "answered": .number(a.substantivelyAnswered),
            "answerMedian": optionalNumber(a.daysToSubstantiveReplyMedian), "answerP90": optionalNumber(a.daysToSubstantiveReplyP90),
            "replies": .number(a.replies), "substantiveReplies": .number(a.substantiveReplies),
            "nonCommittal": .number(a.nonCommittalReplies), "premiseRejected": .number(a.premiseRejectedReplies),
            "refusals": .number(a.refusals),
            "nonCommittalShare": Self.optional(Self.shareText(a.nonCommittalShare)),
            "premiseRejectedShare": Self.optional(Self.shareText(a.premiseRejectedShare)),
            "refusalShare": Self.optional(Self.shareText(a.refusalShare)),
            "open": .number(a.open), "overdue": .number(a.overdue),
        ])
    }

    static func optional(_ s: String?) -> TemplateValue { s.map { TemplateValue.object(["value": .text($0)]) } ?? .flag(false) }
}
