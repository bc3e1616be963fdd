/// Parties, authorities, legal bases and cases.
extension Desk {
    public func addParty(_ party: Party) throws(ComityError) {
        try store.addParty(party, by: clerk)
    }

    public func addAuthority(_ authority: Authority) throws(ComityError) {
        try store.addAuthority(authority, by: clerk)
    }

    /// Records who heads authority `id` now; the previous head stays in its history.
    public func setHead(of id: String, to head: Authority.Head) throws(ComityError) {
        try store.setHead(of: id, to: head, by: clerk)
    }

    public func addBasis(_ basis: LegalBasis) throws(ComityError) {
        try store.addBasis(basis, by: clerk)
    }

    /// Records a case; one classified above the clearance is refused.
    public func addCase(_ item: Case) throws(ComityError) {
        try store.addCase(item, clearance: clearance, by: clerk)
    }

    public func parties() throws(ComityError) -> [Party] { try store.parties() }
    public func party(_ code: String) throws(ComityError) -> Party { try store.party(code) }
    public func authorities(party: String? = nil) throws(ComityError) -> [Authority] { try store.authorities(party: party) }
    public func authority(_ id: String) throws(ComityError) -> Authority { try store.authority(id) }
    public func bases() throws(ComityError) -> [LegalBasis] { try store.bases() }
    public func basis(_ id: String) throws(ComityError) -> LegalBasis { try store.basis(id) }

    /// The cases the clerk may see, and how many more are classified above the clearance.
    public func cases() throws(ComityError) -> (shown: [Case], withheld: Int) {
        try store.cases(clearance: clearance)
    }

    /// A case with the requests the clerk may see in it; a case above the clearance is refused by its id alone.
    public func caseFile(_ id: String) throws(ComityError) -> (case: Case, requests: [Request], withheld: Int) {
        try store.caseWithRequests(id, clearance: clearance)
    }
}
