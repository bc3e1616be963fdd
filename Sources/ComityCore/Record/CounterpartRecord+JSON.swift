/// The counterparts' record as compact JSON, one counterpart a line, written to a sink as it
/// goes: `JSONEncoder` would build the tree of the whole record first, which for every
/// counterpart of a large store costs a second and tens of megabytes. Keys sorted, as
/// `JSONDocument` writes them; the values are the `Codable` ones.
extension CounterpartRecord {
    public func writeJSON(to sink: @escaping ([UInt8]) throws -> Void) throws {
        var json = JSONStreamWriter(sink: sink)
        json.beginObject()
        json.field("asOf", asOf)
        json.key("buckets")
        try json.encoded(buckets)
        json.field("classification", classification)
        json.key("counterparts")
        json.beginArray()
        for counterpart in counterparts {
            json.newline()
            try json.encoded(counterpart)
        }
        if !counterparts.isEmpty { json.newline() }
        json.endArray()
        json.field("dayCount", dayCount)
        json.field("ourState", ourState)
        json.field("percentileMethod", percentileMethod)
        json.key("scope")
        try json.encoded(scope)
        json.field("title", title)
        json.field("withheld", withheld)
        try json.endObject()
        json.newline()
        try json.flush()
    }
}
