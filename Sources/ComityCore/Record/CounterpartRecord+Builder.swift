extension CounterpartRecord {
    /// Builds the record one request at a time, with bounded state per group: counts, and the
    /// day counts the percentiles need as two bytes a request.
    ///
    ///     var builder = CounterpartRecord.Builder(asOf: today, scope: .init(counterpart: "CN"))
    ///     builder.add(dossier, settings: settings, calendar: calendar)
    ///     let record = builder.record(names: ["CN": "China"])
    public struct Builder: Sendable {
        public let asOf: CalendarDate
        public let scope: Scope
        private var groups: [Key: Tally] = [:]
        private var withheld = 0
        private var classification = Classification.unclassified

        struct Key: Hashable, Comparable {
            var counterpart: String
            var channel: Channel
            var year: Int
            static func < (a: Key, b: Key) -> Bool {
                (a.counterpart, a.channel.rawValue, a.year) < (b.counterpart, b.channel.rawValue, b.year)
            }
        }

        public init(asOf: CalendarDate, scope: Scope) {
            self.asOf = asOf
            self.scope = scope
        }

        /// Counts one request the reader may not see: it adds to `withheld` and to nothing else.
        public mutating func addWithheld() { withheld += 1 }

        /// Adds one request we sent, with its replies, moves and follow-ups up to the as-of date;
        /// one outside the scope, or not sent by then, is passed over.
        public mutating func add(_ dossier: Dossier, settings: StallSettings, calendar: HolidayCalendar) {
            let request = dossier.request
            guard let sent = request.sentDate,
                  scope.includes(sent: sent, channel: request.channel, counterpart: dossier.counterpart.code, asOf: asOf)
            else { return }
            let replies = dossier.replies.filter { $0.date <= asOf }
            classification = max(classification, request.classification, dossier.caseClassification,
                                 replies.map(\.classification).max() ?? .unclassified)
            let key = Key(counterpart: dossier.counterpart.code, channel: request.channel, year: sent.year)
            var tally = groups[key] ?? Tally()
            tally.figures.sent += 1
            let acknowledgedMove = dossier.moves.first { $0.to == .acknowledged && $0.date <= asOf }?.date
            if let acknowledged = [replies.first?.date, acknowledgedMove].compactMap({ $0 }).min() {
                tally.acknowledgementDays.append(Self.days(from: sent, to: acknowledged))
            }
            if let substantive = replies.first(where: { $0.kind.isSubstantive }) {
                tally.substantiveDays.append(Self.days(from: sent, to: substantive.date))
            }
            for reply in replies {
                tally.figures.replies += 1
                if reply.kind.isSubstantive { tally.figures.substantiveReplies += 1 }
                switch reply.kind {
                case .nonCommittal: tally.figures.nonCommittalReplies += 1
                case .premiseRejected: tally.figures.premiseRejectedReplies += 1
                case .refusal: tally.figures.refusals += 1
                default: break
                }
            }
            tally.figures.followUps += dossier.letters.filter { $0.date <= asOf }.count
            if StallEngine.isResponseOverdue(dossier, asOf: asOf, settings: settings, calendar: calendar) {
                tally.figures.overdueWithThem += 1
            }
            groups[key] = tally
        }

        /// Calendar days from the sent date (day 0), kept in two bytes: a reply dated before the
        /// sending counts as day 0, one after 179 years as the largest value.
        static func days(from sent: CalendarDate, to reply: CalendarDate) -> UInt16 {
            UInt16(clamping: max(0, sent.days(until: reply)))
        }

        /// The finished record; `names` gives each counterpart's name (its code when missing).
        public func record(names: [String: String], title: String = CounterpartRecord.defaultTitle) -> CounterpartRecord {
            let byCounterpart = Dictionary(grouping: groups.keys.sorted(), by: \.counterpart)
            let counterparts = byCounterpart.keys.sorted().map { code -> Counterpart in
                let keys = byCounterpart[code]!
                var total = Tally()
                for key in keys { total.merge(groups[key]!) }
                return Counterpart(
                    code: code, name: names[code] ?? code, total: total.finished,
                    substantiveDays: DayBucket.counts(total.substantiveDays),
                    noSubstantiveReply: total.figures.sent - total.substantiveDays.count,
                    rows: keys.map { Row(channel: $0.channel, year: $0.year, figures: groups[$0]!.finished) })
            }
            return CounterpartRecord(
                title: title, asOf: asOf, scope: scope, counterparts: counterparts, classification: classification,
                withheld: withheld, incomingRecorded: false, percentileMethod: "nearest-rank", dayCount: "calendar",
                buckets: DayBucket.standard)
        }
    }

    /// The running counts of one group and its day lists.
    struct Tally: Sendable {
        var figures = Figures()
        var acknowledgementDays: [UInt16] = []
        var substantiveDays: [UInt16] = []

        mutating func merge(_ other: Tally) {
            let f = other.figures
            figures.sent += f.sent
            figures.replies += f.replies
            figures.substantiveReplies += f.substantiveReplies
            figures.nonCommittalReplies += f.nonCommittalReplies
            figures.premiseRejectedReplies += f.premiseRejectedReplies
            figures.refusals += f.refusals
            figures.overdueWithThem += f.overdueWithThem
            figures.followUps += f.followUps
            acknowledgementDays += other.acknowledgementDays
            substantiveDays += other.substantiveDays
        }

        /// The counts with the percentiles, shares and ratio worked out.
        var finished: Figures {
            var f = figures
            f.acknowledged = acknowledgementDays.count
            f.substantivelyAnswered = substantiveDays.count
            let ack = acknowledgementDays.sorted()
            let substantive = substantiveDays.sorted()
            if !ack.isEmpty {
                f.daysToAcknowledgementMedian = Int(DayPercentiles.nearestRank(50, ofSorted: ack))
                f.daysToAcknowledgementP90 = Int(DayPercentiles.nearestRank(90, ofSorted: ack))
            }
            if !substantive.isEmpty {
                f.daysToSubstantiveReplyMedian = Int(DayPercentiles.nearestRank(50, ofSorted: substantive))
                f.daysToSubstantiveReplyP90 = Int(DayPercentiles.nearestRank(90, ofSorted: substantive))
            }
            if f.replies > 0 {
                f.nonCommittalShare = Self.rounded(f.nonCommittalReplies, over: f.replies, places: 1000)
                f.premiseRejectedShare = Self.rounded(f.premiseRejectedReplies, over: f.replies, places: 1000)
                f.refusalShare = Self.rounded(f.refusals, over: f.replies, places: 1000)
            }
            if f.substantiveReplies > 0 {
                f.followUpsPerSubstantiveReply = Self.rounded(f.followUps, over: f.substantiveReplies, places: 100)
            }
            return f
        }

        /// `count / total` rounded half up to 1/`places`, in whole numbers until the last step
        /// so that 1/3 is exactly 0.333.
        static func rounded(_ count: Int, over total: Int, places: Int) -> Double {
            Double((count * places * 2 + total) / (total * 2)) / Double(places)
        }
    }
}
