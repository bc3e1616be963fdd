/// Everything a letter about one request draws on, read from the store in one go.
package struct LetterFacts {
    package init(request: Request, caseFile: Case, from: Authority, to: Authority, ourParty: Party, theirParty: Party, basis: LegalBasis? = nil, replies: [Reply], followUps: [FollowUp], embassy: Authority? = nil, theirForeignMinistry: Authority? = nil, ourForeignMinistry: Authority? = nil, assessment: Assessment? = nil) {
        self.request = request
        self.caseFile = caseFile
        self.from = from
        self.to = to
        self.ourParty = ourParty
        self.theirParty = theirParty
        self.basis = basis
        self.replies = replies
        self.followUps = followUps
        self.embassy = embassy
        self.theirForeignMinistry = theirForeignMinistry
        self.ourForeignMinistry = ourForeignMinistry
        self.assessment = assessment
    }

    package var request: Request
    var caseFile: Case
    package var from: Authority
    package var to: Authority
    package var ourParty: Party
    package var theirParty: Party
    var basis: LegalBasis?
    package var replies: [Reply]
    package var followUps: [FollowUp]
    /// Our embassy posted to the counterpart, for notes verbales and aide-mémoires.
    var embassy: Authority?
    /// The counterpart's foreign ministry, which receives them.
    var theirForeignMinistry: Authority?
    /// Our foreign ministry, which drafts talking points.
    var ourForeignMinistry: Authority?
    var assessment: Assessment?
    /// The authority whose head signs, when the clerk chose one (`--signatory`): it sends the letter.
    package var signatory: Authority?
    /// The authority the letter goes to, when the clerk chose one (`--addressee`).
    package var chosenAddressee: Authority?
    /// The values of the records named in languages other than English (those of the letter's
    /// language at least).
    package var translations = Translations()

    /// Who sends a letter of `kind`, and to whom (nil: not found; the composer lists what is missing).
    func parties(for kind: EscalationStep) -> (sender: Authority?, addressee: Authority?) {
        let (sender, addressee): (Authority?, Authority?)
        switch kind {
        case .reminder, .ministerial: (sender, addressee) = (from, to)
        case .noteVerbale, .aideMemoire: (sender, addressee) = (embassy, theirForeignMinistry)
        case .talkingPoints: (sender, addressee) = (ourForeignMinistry ?? from, nil)
        }
        return (signatory ?? sender, chosenAddressee ?? addressee)
    }
}
