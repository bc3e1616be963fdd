/// An assessment as one compact JSON object, with the keys and values its `Codable` form has.
///
/// A test decodes this output with `JSONDecoder` and compares it with the assessment, so
/// the two forms cannot drift apart.
extension Assessment {
    public func write(to json: inout JSONStreamWriter) throws {
        json.beginObject()
        json.field("ballWith", ballWith)
        json.field("caseID", caseID)
        json.field("caseTitle", caseTitle)
        json.key("categories")
        json.beginArray()
        for c in categories { json.value(c.rawValue) }
        json.endArray()
        json.field("category", category)
        json.field("classification", classification)
        json.key("clocks")
        json.beginArray()
        for clock in clocks {
            json.beginObject()
            json.field("daysLeft", clock.daysLeft)
            json.field("due", clock.due)
            json.field("explanation", clock.explanation)
            json.field("kind", clock.kind)
            json.field("rule", clock.rule)
            json.field("start", clock.start)
            json.field("status", clock.status)
            try json.endObject()
        }
        json.endArray()
        json.field("counterpart", counterpart)
        json.field("counterpartName", counterpartName)
        json.field("daysSinceLastReply", daysSinceLastReply)
        json.field("daysSinceLastSubstantiveReply", daysSinceLastSubstantiveReply)
        json.field("daysSinceSent", daysSinceSent)
        json.field("direction", direction)
        if let e = engagement {
            json.key("engagement")
            json.beginObject()
            json.field("daysUntil", e.daysUntil)
            json.field("endDate", e.endDate)
            json.field("id", e.id)
            json.field("level", e.level)
            json.field("place", e.place)
            json.field("startDate", e.startDate)
            json.field("title", e.title)
            try json.endObject()
        }
        json.field("followUpsSent", followUpsSent)
        try Self.write(hardLimit, "hardLimit", to: &json)
        json.field("ladderStep", ladderStep)
        if let f = lastFollowUp {
            json.key("lastFollowUp")
            json.beginObject()
            json.field("date", f.date)
            json.field("id", f.id.map { Int($0) })
            json.field("kind", f.kind)
            json.field("note", f.note)
            json.field("reference", f.reference)
            json.field("requestReference", f.requestReference)
            json.key("restartsClock")
            json.value(f.restartsClock)
            try json.endObject()
        }
        if let m = lastMeeting {
            json.key("lastMeeting")
            json.beginObject()
            json.field("commitment", m.outcome.commitment.isEmpty ? nil : m.outcome.commitment)
            json.field("commitmentDate", m.outcome.commitmentDate)
            json.field("date", m.outcome.date)
            json.field("engagement", m.engagement.id)
            json.field("level", m.engagement.level)
            json.field("raisedBy", m.outcome.raisedBy)
            json.field("response", m.outcome.response)
            json.field("title", m.engagement.title)
            try json.endObject()
        }
        json.field("lastReplyDate", lastReplyDate)
        json.field("lastReplyKind", lastReplyKind)
        json.field("lastSubstantiveReplyDate", lastSubstantiveReplyDate)
        try Self.write(nextDue, "nextDue", to: &json)
        json.field("nextStep", nextStep)
        json.field("recommendedStep", recommendedStep)
        json.field("reference", reference)
        json.field("replyCount", replyCount)
        json.field("replyLetter", replyLetter)
        json.field("responseDue", responseDue)
        json.field("sentDate", sentDate)
        json.field("severity", severity)
        json.field("state", state)
        json.field("subject", subject)
        json.field("talkingPoint", talkingPoint)
        json.field("toAuthority", toAuthority)
        json.field("toAuthorityName", toAuthorityName)
        json.field("urgency", urgency)
        try json.endObject()
    }

    private static func write(_ item: DueItem?, _ name: StaticString, to json: inout JSONStreamWriter) throws {
        guard let item else { return }
        json.key(name)
        json.beginObject()
        json.field("date", item.date)
        json.field("daysLeft", item.daysLeft)
        json.field("what", item.what)
        try json.endObject()
    }
}
