extension CounterpartRecord {
    /// Builds the record one request at a time, with bounded state per group: counts, and the
    /// day counts the percentiles need as two bytes a request.
    ///
    ///     var builder = CounterpartRecord.Builder(asOf: today, scope: .init(counterpart: "CN"), ourState: "JP")
    ///     builder.add(dossier, settings: settings, calendar: calendar)
    ///     let record = builder.record(names: ["CN": "China"])
    public struct Builder: Sendable {
        public let asOf: CalendarDate
        public let scope: Scope
        public let ourState: String?
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

        public init(asOf: CalendarDate, scope: Scope, ourState: String? = nil) {
            self.asOf = asOf
            self.scope = scope
            self.ourState = ourState
        }

        /// Counts one request the reader may not see: it adds to `withheld` and to nothing else.
        public mutating func addWithheld() { withheld += 1 }

        /// Adds one request, sent or received as `dossier.direction` says, with its replies,
        /// moves and follow-ups up to the as-of date; one outside the scope, or not sent
        /// (received) by then, is passed over. `calendar` is that of the state that owes the
        /// answer: the counterpart's for a request we sent, ours for one received.
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
            let incoming = dossier.direction == .incoming
            if incoming {
                tally.figures.received += 1
            } else {
                tally.figures.sent += 1
                tally.figures.followUps += dossier.letters.filter { $0.date <= asOf }.count
            }
            let overdue = StallEngine.isResponseOverdue(dossier, asOf: asOf, settings: settings, calendar: calendar)
            if incoming {
                tally.ours.add(dossier, sent: sent, replies: replies, asOf: asOf, overdue: overdue)
            } else {
                tally.theirs.add(dossier, sent: sent, replies: replies, asOf: asOf, overdue: overdue)
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
                    theirDays: total.theirs.distribution, ourDays: total.ours.distribution,
                    openWithThemByAge: total.theirs.openByAge, openWithUsByAge: total.ours.openByAge,
                    rows: keys.map { Row(channel: $0.channel, year: $0.year, figures: groups[$0]!.finished) })
            }
            return CounterpartRecord(
                title: title, asOf: asOf, scope: scope, ourState: ourState, counterparts: counterparts, classification: classification,
                withheld: withheld, percentileMethod: "nearest-rank", dayCount: "calendar", buckets: DayBucket.standard)
        }
    }

    /// The running counts of one group, both ways.
    struct Tally: Sendable {
        var figures = Figures()
        var theirs = Side()
        var ours = Side()

        mutating func merge(_ other: Tally) {
            figures.sent += other.figures.sent
            figures.received += other.figures.received
            figures.followUps += other.figures.followUps
            theirs.merge(other.theirs)
            ours.merge(other.ours)
        }

        /// The counts with the percentiles, shares and ratio worked out.
        var finished: Figures {
            var f = figures
            f.theirs = theirs.finished
            f.ours = ours.finished
            if f.theirs.substantiveReplies > 0 {
                f.followUpsPerSubstantiveReply = Self.rounded(f.followUps, over: f.theirs.substantiveReplies, places: 100)
            }
            return f
        }

        /// `count / total` rounded half up to 1/`places`, in whole numbers until the last step
        /// so that 1/3 is exactly 0.333.
        static func rounded(_ count: Int, over total: Int, places: Int) -> Double {
            Double((count * places * 2 + total) / (total * 2)) / Double(places)
        }
    }

    /// The running counts of how one side answered, and its day lists.
    struct Side: Sendable {
        var answers = Answers()
        /// The requests this side was sent.
        var requests = 0
        var acknowledgementDays: [UInt16] = []
        var substantiveDays: [UInt16] = []
        var openByAge = [Int](repeating: 0, count: DayBucket.standard.count)

        mutating func add(_ dossier: Dossier, sent: CalendarDate, replies: [Reply], asOf: CalendarDate, overdue: Bool) {
            requests += 1
            let acknowledgedMove = dossier.moves.first { $0.to == .acknowledged && $0.date <= asOf }?.date
            if let acknowledged = [replies.first?.date, acknowledgedMove].compactMap({ $0 }).min() {
                acknowledgementDays.append(Builder.days(from: sent, to: acknowledged))
            }
            if let substantive = replies.first(where: { $0.kind.isSubstantive }) {
                substantiveDays.append(Builder.days(from: sent, to: substantive.date))
            }
            for reply in replies {
                answers.replies += 1
                if reply.kind.isSubstantive { answers.substantiveReplies += 1 }
                switch reply.kind {
                case .nonCommittal: answers.nonCommittalReplies += 1
                case .premiseRejected: answers.premiseRejectedReplies += 1
                case .refusal: answers.refusals += 1
                default: break
                }
            }
            if dossier.state.isOpen, dossier.sentDate != nil {
                answers.open += 1
                let age = Int(Builder.days(from: sent, to: asOf))
                if let i = DayBucket.standard.firstIndex(where: { $0.contains(age) }) { openByAge[i] += 1 }
            }
            if overdue { answers.overdue += 1 }
        }

        mutating func merge(_ other: Side) {
            let a = other.answers
            requests += other.requests
            answers.replies += a.replies
            answers.substantiveReplies += a.substantiveReplies
            answers.nonCommittalReplies += a.nonCommittalReplies
            answers.premiseRejectedReplies += a.premiseRejectedReplies
            answers.refusals += a.refusals
            answers.open += a.open
            answers.overdue += a.overdue
            acknowledgementDays += other.acknowledgementDays
            substantiveDays += other.substantiveDays
            for i in openByAge.indices { openByAge[i] += other.openByAge[i] }
        }

        /// The requests of this side by days to their first substantive reply.
        var distribution: Distribution {
            Distribution(buckets: DayBucket.counts(substantiveDays), noSubstantiveReply: requests - substantiveDays.count)
        }

        var finished: Answers {
            var a = answers
            a.acknowledged = acknowledgementDays.count
            a.substantivelyAnswered = substantiveDays.count
            let ack = acknowledgementDays.sorted()
            let substantive = substantiveDays.sorted()
            if !ack.isEmpty {
                a.daysToAcknowledgementMedian = Int(DayPercentiles.nearestRank(50, ofSorted: ack))
                a.daysToAcknowledgementP90 = Int(DayPercentiles.nearestRank(90, ofSorted: ack))
            }
            if !substantive.isEmpty {
                a.daysToSubstantiveReplyMedian = Int(DayPercentiles.nearestRank(50, ofSorted: substantive))
                a.daysToSubstantiveReplyP90 = Int(DayPercentiles.nearestRank(90, ofSorted: substantive))
            }
            if a.replies > 0 {
                a.nonCommittalShare = Tally.rounded(a.nonCommittalReplies, over: a.replies, places: 1000)
                a.premiseRejectedShare = Tally.rounded(a.premiseRejectedReplies, over: a.replies, places: 1000)
                a.refusalShare = Tally.rounded(a.refusals, over: a.replies, places: 1000)
            }
            return a
        }
    }
}
