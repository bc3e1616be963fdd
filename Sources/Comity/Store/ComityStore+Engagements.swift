import GRDB

/// Meetings and summits with counterparts.
extension ComityStore {
    public func addEngagement(_ engagement: Engagement, by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in try engagement.validate() }
        try write { db in
            guard try Engagement.fetchOne(db, key: engagement.id) == nil else {
                throw ComityError.duplicate(kind: "engagement", id: engagement.id)
            }
            var known = DatabaseLookup(db: db)
            try RecordRules.check(engagement, in: &known)
            try engagement.insert(db)
            try Self.log(db, .engagement, engagement.id, .created, on: clerk.today, by: clerk,
                         note: "\(engagement.title), \(Self.span(engagement.startDate, engagement.endDate))" + (engagement.note.isEmpty ? "" : "; \(engagement.note)"))
        }
    }

    /// Moves an engagement to new dates, keeping the old ones in its history.
    public func reschedule(_ id: String, start: CalendarDate, end: CalendarDate, note: String = "", by clerk: Clerk) throws(ComityError) {
        try checked { () throws(ValidationFailure) in
            try Engagement.checkSpan(id, start, end)
            try Handle.checkText(note, field: "note", required: false)
        }
        try write { db in
            guard var engagement = try Engagement.fetchOne(db, key: id) else {
                throw ComityError.notFound(kind: "engagement", id: id, hint: "see 'comity engagement list'")
            }
            guard engagement.startDate != start || engagement.endDate != end else {
                throw ValidationFailure("engagement \(id) is already set for \(Self.span(start, end)); give the new dates")
            }
            let old = Self.span(engagement.startDate, engagement.endDate)
            engagement.startDate = start
            engagement.endDate = end
            try engagement.update(db)
            try Self.log(db, .engagement, id, .rescheduled, on: clerk.today, by: clerk,
                         note: "from \(old) to \(Self.span(start, end))" + (note.isEmpty ? "" : "; \(note)"))
        }
    }

    public func engagements(counterpart: String? = nil) throws(ComityError) -> [Engagement] {
        try read { db in
            var query = Engagement.order(Column("start_date"), Column("id"))
            if let counterpart { query = query.filter(Column("counterpart") == counterpart.uppercased()) }
            return try query.fetchAll(db)
        }
    }

    public func engagement(_ id: String) throws(ComityError) -> Engagement {
        try read { db in
            guard let e = try Engagement.fetchOne(db, key: id) else {
                throw ComityError.notFound(kind: "engagement", id: id, hint: "see 'comity engagement list'")
            }
            return e
        }
    }

    static func span(_ start: CalendarDate, _ end: CalendarDate) -> String {
        start == end ? start.iso : "\(start.iso)–\(end.iso)"
    }
}
