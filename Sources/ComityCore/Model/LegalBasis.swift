/// The instrument under which a request is made, and the parties it binds.
public struct LegalBasis: Hashable, Codable, Sendable {
    /// When a party became bound.
    public struct Binding: Hashable, Codable, Sendable {
        public var party: String
        public var from: CalendarDate
        public init(party: String, from: CalendarDate) {
            self.party = party
            self.from = from
        }
    }

    public var id: String
    public var instrument: String
    public var kind: LegalBasisKind
    /// How long the requested state has to answer, if the instrument says.
    public var responsePeriod: Period?
    public var parties: [Binding]
    public var note: String

    public init(id: String, instrument: String, kind: LegalBasisKind, responsePeriod: Period? = nil, parties: [Binding], note: String = "") {
        self.id = id
        self.instrument = instrument
        self.kind = kind
        self.responsePeriod = responsePeriod
        self.parties = parties
        self.note = note
    }

    /// When `party` became bound, or nil if it never was.
    public func boundSince(_ party: String) -> CalendarDate? {
        parties.first { $0.party == party }?.from
    }

    /// Fails unless the instrument binds both parties on `date`, saying which party is missing.
    public func checkBinds(_ a: String, _ b: String, on date: CalendarDate, names: (String) -> String) throws(ValidationFailure) {
        for party in [a, b] {
            guard let since = boundSince(party) else {
                throw ValidationFailure("\(instrument) (\(id)) cannot be the legal basis: \(names(party)) (\(party)) is not a party to it; choose an instrument that binds both states, or the diplomatic channel on reciprocity")
            }
            if since > date {
                throw ValidationFailure("\(instrument) (\(id)) did not bind \(names(party)) (\(party)) on \(date.iso): it is in force for \(party) from \(since.iso); choose another basis or a later date")
            }
        }
    }
}
