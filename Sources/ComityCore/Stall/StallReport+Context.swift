/// The stall report as the values its XML and HTML templates show.
///
/// Every key is always present: an absent value is `false` or an empty list, never missing.
extension StallReport {
    public var templateContext: [String: TemplateValue] {
        let brief: TemplateValue = engagement.map { e in
            .object([
                "id": .text(e.id), "title": .text(e.title), "level": .text(e.level.rawValue), "place": .text(e.place),
                "counterpart": .text(e.counterpart), "counterpartName": .text(e.counterpartName),
                "start": Self.date(e.startDate), "end": Self.date(e.endDate), "daysUntil": .number(e.daysUntil),
                "dates": .text(e.startDate.longEnglishSpan(to: e.endDate)),
            ])
        } ?? .flag(false)
        let categories: [TemplateValue] = summary.byCategory.map {
            .object(["name": .text($0.category.rawValue), "title": .text($0.category.title), "count": .number($0.count)])
        }
        return [
            "title": .text(title),
            "asOf": Self.date(asOf),
            "classification": .text(classification.rawValue),
            "mark": .text(classification.markEnglish),
            "withheld": .number(withheld),
            "hasWithheld": .flag(withheld > 0),
            "isBrief": .flag(engagement != nil),
            "engagement": brief,
            "scopeCounterpart": .text(scope.counterpart ?? ""),
            "scopeCase": .text(scope.caseID ?? ""),
            "asRecorded": scope.asRecorded.map(Self.date) ?? .flag(false),
            "summary": .object([
                "outstanding": .number(summary.outstanding), "stalled": .number(summary.stalled),
                "ballWithThem": .number(summary.ballWithThem), "ballWithUs": .number(summary.ballWithUs),
                "categories": .list(categories),
                "outgoing": Self.context(summary.outgoing), "incoming": Self.context(summary.incoming),
            ]),
            "showsDirections": .flag(showsDirections),
            "ledger": ledger.map(ledgerContext) ?? .flag(false),
            "overview": overviewContext,
            "isEmpty": .flag(groups.isEmpty),
            "counterparts": .list(groups.map { g in
                let twoWay = engagement != nil || g.isTwoWay
                return .object([
                    "code": .text(g.counterpart), "name": .text(g.counterpartName), "twoWay": .flag(twoWay),
                    "requests": .list(g.findings.map { Self.context($0, nested: twoWay) }),
                    "sides": .list(Self.sides(g).map { side in
                        .object(["direction": .text(side.direction.rawValue), "owedToUs": .flag(side.direction == .outgoing),
                                 "isEmpty": .flag(side.findings.isEmpty),
                                 "emptyText": .text(engagement == nil ? "Nothing stalled." : "Nothing outstanding."),
                                 "requests": .list(side.findings.map { Self.context($0, nested: true) })])
                    }),
                ])
            }),
        ]
    }

    var overviewContext: TemplateValue {
        func categories(_ counts: [CategoryCount]) -> TemplateValue {
            .list(counts.map { .object(["name": .text($0.category.rawValue), "title": .text($0.category.title), "count": .number($0.count)]) })
        }
        func counterpart(_ c: Overview.CounterpartCount) -> TemplateValue {
            .object(["code": .text(c.counterpart), "name": .text(c.counterpartName), "outstanding": .number(c.outstanding),
                     "stalled": .number(c.stalled), "categories": categories(c.byCategory)])
        }
        let rest = overview.counterparts.dropFirst(Overview.leadingCounterpartCount)
        return .object([
            "counterparts": .list(overview.counterparts.map(counterpart)),
            "leadingCounterparts": .list(overview.counterparts.prefix(Overview.leadingCounterpartCount).map(counterpart)),
            "moreCounterparts": rest.isEmpty ? .flag(false) : .object([
                "count": .number(rest.count), "outstanding": .number(rest.map(\.outstanding).reduce(0, +)),
                "stalled": .number(rest.map(\.stalled).reduce(0, +)),
            ]),
            "hasMostSevere": .flag(!overview.mostSevere.isEmpty),
            "mostSevere": .list(overview.mostSevere.map { h in
                .object(["reference": .text(h.reference), "caseID": .text(h.caseID), "counterpart": .text(h.counterpart),
                         "counterpartName": .text(h.counterpartName), "category": .text(h.category?.rawValue ?? ""),
                         "categoryTitle": .text(h.category?.title ?? "Outstanding, not stalled"),
                         "severity": .text(h.severity?.rawValue ?? "none"), "daysSinceSent": .number(h.daysSinceSent),
                         "direction": .text(h.direction.rawValue), "incoming": .flag(h.direction == .incoming)])
            }),
            "hasEngagements": .flag(!overview.engagements.isEmpty),
            "engagements": .list(overview.engagements.map { e in
                .object(["id": .text(e.id), "title": .text(e.title), "level": .text(e.level.rawValue), "place": .text(e.place),
                         "start": Self.date(e.startDate), "end": Self.date(e.endDate), "dates": .text(e.startDate.longEnglishSpan(to: e.endDate)),
                         "daysUntil": .number(e.daysUntil)])
            }),
        ])
    }

    static func date(_ d: CalendarDate) -> TemplateValue {
        .object(["iso": .text(d.iso), "long": .text(d.longEnglish)])
    }

    static func context(_ count: DirectionCount) -> TemplateValue {
        .object(["outstanding": .number(count.outstanding), "stalled": .number(count.stalled), "overdue": .number(count.overdue)])
    }

    /// A finding; `nested` when it sits under a heading of its direction, so its own heading is a level lower.
    static func context(_ a: Assessment, nested: Bool = false) -> TemplateValue {
        func optional<T>(_ value: T?, _ body: (T) -> TemplateValue) -> TemplateValue { value.map(body) ?? .flag(false) }
        func due(_ item: Assessment.DueItem) -> TemplateValue {
            .object(["date": date(item.date), "what": .text(item.what), "daysLeft": .number(item.daysLeft),
                     "passed": .flag(item.daysLeft < 0), "daysPassed": .number(max(0, -item.daysLeft))])
        }
        return .object([
            "heading": .text(nested ? "h4" : "h3"),
            "direction": .text(a.direction.rawValue),
            "incoming": .flag(a.direction == .incoming),
            "stateName": .text(stateName(a)),
            "fromAuthority": .text(a.fromAuthority ?? ""),
            "fromAuthorityName": .text(a.fromAuthorityName ?? ""),
            "replyLetter": optional(a.replyLetter) { .object(["kind": .text($0.rawValue), "title": .text($0.title)]) },
            "reference": .text(a.reference),
            "caseID": .text(a.caseID),
            "caseTitle": .text(a.caseTitle),
            "subject": .text(a.subject),
            "state": .text(a.state.rawValue),
            "classification": .text(a.classification.rawValue),
            "urgency": .text(a.urgency.rawValue),
            "stalled": .flag(a.isStalled),
            "category": .text(a.category?.rawValue ?? ""),
            "categoryTitle": .text(a.category?.title ?? "Outstanding, not stalled"),
            "otherCategories": .list(a.categories.dropFirst().map { .object(["name": .text($0.rawValue), "title": .text($0.title)]) }),
            "severity": .text(a.severity?.rawValue ?? "none"),
            "ballWith": .text(a.ballWith.rawValue),
            "ballWithThem": .flag(a.ballWith == .them),
            "counterpart": .text(a.counterpart),
            "counterpartName": .text(a.counterpartName),
            "toAuthority": .text(a.toAuthority),
            "toAuthorityName": .text(a.toAuthorityName),
            "sent": date(a.sentDate),
            "daysSinceSent": .number(a.daysSinceSent),
            "lastReply": optional(a.lastReplyDate) { d in
                .object(["date": date(d), "kind": .text(a.lastReplyKind!.rawValue), "phrase": .text(a.lastReplyKind!.phrase),
                         "daysAgo": .number(a.daysSinceLastReply!)])
            },
            "lastSubstantiveReply": optional(a.lastSubstantiveReplyDate) { d in
                .object(["date": date(d), "daysAgo": .number(a.daysSinceLastSubstantiveReply!)])
            },
            "replyCount": .number(a.replyCount),
            "followUpsSent": .number(a.followUpsSent),
            "lastFollowUp": optional(a.lastFollowUp) { f in
                .object(["date": date(f.date), "kind": .text(f.kind.rawValue), "title": .text(f.kind.title), "reference": .text(f.reference)])
            },
            "responseDue": optional(a.responseDue) { date($0) },
            "nextDue": optional(a.nextDue, due),
            "hardLimit": optional(a.hardLimit, due),
            "nextStep": .text(a.nextStep),
            "recommendedStep": .text(a.recommendedStep?.rawValue ?? ""),
            "engagement": optional(a.engagement) { e in
                .object(["id": .text(e.id), "title": .text(e.title), "daysUntil": .number(e.daysUntil),
                         "start": date(e.startDate), "end": date(e.endDate)])
            },
            "hasTalkingPoint": .flag(a.engagement != nil || a.recommendedStep == .talkingPoints),
            "talkingPoint": .text(a.talkingPoint),
        ])
    }
}
