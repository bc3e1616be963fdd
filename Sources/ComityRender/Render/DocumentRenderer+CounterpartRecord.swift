extension DocumentRenderer {
    /// The counterparts' record as XML (validated against `schemas/counterpart-record.xsd`) or
    /// HTML (with a response-time chart per counterpart).
    public func render(_ record: CounterpartRecord, as kind: DocumentKind) throws(ComityError) -> String {
        try render(record.templateContext, template: "report/counterparts.\(kind.rawValue)", as: kind,
                   schema: "counterpart-record", documentName: "counterparts' record")
    }
}
