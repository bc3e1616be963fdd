@_spi(Worlds) import Comity
/// The three cases of the domain brief, as publicly reported, and a request China sent Japan
/// (invented, so the brief shows both directions), for `comity demo`.
///
/// Each step is recorded on its historical date, so the demo is the same whatever day
/// it is built. Where a date is not public, the record's note says so and names the
/// stand-in used.
public enum DemoWorld {
    public static let mhiRequest = "JP-MHI-2011-001"
    public static let pensionRequest = "JP-JPS-2015-001"
    public static let jaxaRequest = "JP-JAXA-2021-001"
    public static let nodaVisit = "NODA-BEIJING-2011"

    /// Loads the demo cases into a new store through its desk.
    public static func load(into desk: Desk) throws(ComityError) {
        try load(into: desk.store, by: desk.clerk)
    }

    public static func summary(of desk: Desk) throws(ComityError) -> String {
        try summary(of: desk.store)
    }

    static func load(into store: ComityStore, by clerk: Clerk) throws(ComityError) {
        func on(_ iso: String) -> Clerk { Clerk(name: clerk.name, today: date(iso)) }
        let setup = on("2011-08-11")
        try store.setSetting(StoredSetting.ourStateKey, to: "JP", channel: nil, by: setup)

        for party in [
            Party(code: "JP", name: "Japan", formalName: "Japan"),
            Party(code: "CN", name: "China", formalName: "People's Republic of China"),
            Party(code: "US", name: "United States", formalName: "United States of America"),
        ] { try store.addParty(party, by: setup) }

        // Heads as of the MHI story (late 2011, Noda cabinet from 2011-09-02); a head is not dated,
        // so letters of the later cases name them too unless the head is recorded anew.
        for a in [
            Authority(id: "JP-NPSC", party: "JP", name: "National Public Safety Commission", role: .centralAuthority, city: "Tokyo",
                      head: .init(title: "Chairman of the National Public Safety Commission", name: "Kenji Yamaoka")),
            Authority(id: "JP-MOJ", party: "JP", name: "Ministry of Justice", role: .centralAuthority, city: "Tokyo",
                      head: .init(title: "Minister of Justice", name: "Hideo Hiraoka")),
            Authority(id: "JP-NPA", party: "JP", name: "National Police Agency", role: .police, city: "Tokyo"),
            Authority(id: "JP-TMPD", party: "JP", name: "Tokyo Metropolitan Police Department", role: .police, city: "Tokyo"),
            Authority(id: "JP-MOFA", party: "JP", name: "Ministry of Foreign Affairs of Japan", role: .foreignMinistry, city: "Tokyo",
                      head: .init(title: "Minister for Foreign Affairs", name: "Koichiro Gemba")),
            Authority(id: "JP-EMB-CN", party: "JP", name: "Embassy of Japan in the People's Republic of China", role: .embassy,
                      city: "Beijing", postedTo: "CN",
                      head: .init(title: "Ambassador of Japan to the People's Republic of China", name: "Uichiro Niwa")),
            Authority(id: "CN-MPS", party: "CN", name: "Ministry of Public Security of the People's Republic of China",
                      role: .centralAuthority, city: "Beijing",
                      head: .init(title: "Minister of Public Security", name: "Meng Jianzhu")),
            Authority(id: "CN-MOJ", party: "CN", name: "Ministry of Justice of the People's Republic of China",
                      role: .centralAuthority, city: "Beijing",
                      head: .init(title: "Minister of Justice", name: "Wu Aiying")),
            Authority(id: "CN-MFA", party: "CN", name: "Ministry of Foreign Affairs of the People's Republic of China",
                      role: .foreignMinistry, city: "Beijing",
                      head: .init(title: "Minister of Foreign Affairs", name: "Yang Jiechi")),
        ] { try store.addAuthority(a, by: setup) }

        try store.addBasis(LegalBasis(
            id: "JP-CN-MLAT",
            instrument: "Treaty between Japan and the People's Republic of China on Mutual Legal Assistance in Criminal Matters",
            kind: .bilateralTreaty, responsePeriod: nil,
            parties: [.init(party: "JP", from: date("2008-11-23")), .init(party: "CN", from: date("2008-11-23"))],
            note: "Signed 2007-12-01; in force November 2008 (Japan's Treaty No. 11 of 2008; day taken as 2008-11-23). Central authorities deal directly: for Japan the Minister of Justice or the National Public Safety Commission, for China the Ministry of Justice or the Ministry of Public Security. The treaty sets no response period."),
            by: setup)
        try store.addBasis(LegalBasis(
            id: "BUDAPEST",
            instrument: "Council of Europe Convention on Cybercrime (ETS No. 185)",
            kind: .convention, responsePeriod: nil,
            parties: [.init(party: "US", from: date("2007-01-01")), .init(party: "JP", from: date("2012-11-01"))],
            note: "Art. 29 expedited preservation (at least 60 days); Art. 35 24/7 network. China is not a party."),
            by: setup)

        try loadMHI(store, on)
        try loadPension(store, on)
        try loadJAXA(store, on)
        try loadIncoming(store, on)
        try translate(store)
    }

    private static func loadMHI(_ store: ComityStore, _ on: (String) -> Clerk) throws(ComityError) {
        try store.addCase(Case(
            id: "MHI-2011", title: "Intrusion into Mitsubishi Heavy Industries", leadAuthority: "JP-TMPD",
            offence: "Unauthorised computer access; theft of defence-related information",
            incident: nil, discovered: reported("2011-08-11"), classification: .restricted,
            note: "MHI noticed the intrusion on 2011-08-11 (start of the intrusion not public, so not recorded); public on 2011-09-19. On 2011-09-20 China's foreign-ministry spokesman called the suggestion of Chinese involvement \"baseless\". Kawasaki Heavy Industries and IHI saw attempted access too."),
            by: on("2011-08-11"))
        try store.addRequest(Request(
            reference: mhiRequest, caseID: "MHI-2011", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS",
            channel: .centralAuthority, basisID: "JP-CN-MLAT",
            subject: "Tracing the source of the intrusion into Mitsubishi Heavy Industries",
            items: [
                "Identify the servers in China that the malware found at Mitsubishi Heavy Industries communicated with",
                "Preserve and provide the access logs of those servers",
                "Identify the persons who registered or operated those servers",
            ],
            urgency: .urgent, classification: .restricted, sentDate: date("2011-09-30"),
            note: "Sent in late September 2011 (exact day not public; stand-in 2011-09-30). China's reply: day not public, stand-in 2011-10-14; its file number not public, stand-in MPS-ICC-2011-0417."),
            by: on("2011-09-30"))
        try store.addReply(Reply(
            requestReference: mhiRequest, date: date("2011-10-14"), fromAuthority: "CN-MPS", kind: .nonCommittal,
            summary: "China said it would contact the relevant authorities.",
            classification: .restricted),
            counterpartReference: "MPS-ICC-2011-0417", by: on("2011-10-14"))
        try store.addEngagement(Engagement(
            id: nodaVisit, counterpart: "CN", startDate: date("2011-12-12"), endDate: date("2011-12-13"),
            level: .leaders, title: "Prime Minister Noda's visit to Beijing", place: "Beijing",
            note: "Planned for 12–13 December 2011 (recorded on a stand-in date, 2011-11-01)."),
            by: on("2011-11-01"))
        try store.reschedule(
            nodaVisit, start: date("2011-12-25"), end: date("2011-12-26"),
            note: "postponed at China's request (day of the change not public; stand-in 2011-12-01); Prime Minister Noda met President Hu Jintao on the 26th",
            by: on("2011-12-01"))
    }

    private static func loadPension(_ store: ComityStore, _ on: (String) -> Clerk) throws(ComityError) {
        try store.addCase(Case(
            id: "JPS-2015", title: "Japan Pension Service breach", leadAuthority: "JP-TMPD",
            offence: "Unauthorised computer access; leak of over a million pension records",
            incidentDate: date("2015-05-08"), discoveryDate: date("2015-05-28"), limitationDate: date("2018-05-08"),
            classification: .restricted,
            note: "Infected PCs contacted servers in Japan and abroad, China among them. Incident, discovery and limitation days not public; stand-ins 2015-05-08, 2015-05-28 and 2018-05-08 (limitation ran out in May 2018)."),
            by: on("2015-05-28"))
        try store.addRequest(Request(
            reference: pensionRequest, caseID: "JPS-2015", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS",
            channel: .centralAuthority, basisID: "JP-CN-MLAT",
            subject: "Servers in China contacted by PCs infected at the Japan Pension Service",
            items: [
                "Identify the operators of the servers in China that infected PCs contacted",
                "Provide the connection logs of those servers for May 2015",
            ],
            urgency: .urgent, classification: .restricted, sentDate: date("2015-07-01"),
            note: "Date not public; stand-in 2015-07-01."),
            by: on("2015-07-01"))
        try store.move(
            pensionRequest, to: .lapsed, on: date("2018-05-08"),
            note: "Cooperation with foreign agencies failed; police closed the case without a suspect when the limitation period ran out (May 2018; stand-in 2018-05-08).",
            by: on("2018-05-08"))
    }

    private static func loadJAXA(_ store: ComityStore, _ on: (String) -> Clerk) throws(ComityError) {
        try store.addCase(Case(
            id: "JAXA-TICK", title: "Attacks on JAXA and about 200 organisations (Tick)", leadAuthority: "JP-TMPD",
            offence: "Unauthorised computer access; servers registered under a false identity",
            incident: reported("2016"), discovered: reported("2016-06-01"), classification: .confidential,
            note: "Attacks in 2016–2017 (incident recorded to the year, as reported; discovery not public, stand-in 2016-06-01). On 2021-04-20 Tokyo police referred a Chinese systems engineer (already fled) to prosecutors; on 2021-04-22 the police chief named the group Tick and said PLA Unit 61419 (Qingdao) was likely involved."),
            by: on("2016-06-01"))
        try store.addRequest(Request(
            reference: jaxaRequest, caseID: "JAXA-TICK", fromAuthority: "JP-NPSC", toAuthority: "CN-MPS",
            channel: .centralAuthority, basisID: "JP-CN-MLAT",
            subject: "Questioning of a suspect in the attacks on JAXA (Tick)",
            items: [
                "Question the Chinese systems engineer referred to prosecutors on 2021-04-20",
                "Provide information on the registration of the servers used in the attacks",
            ],
            urgency: .routine, classification: .confidential, sentDate: date("2021-04-20"),
            note: "No request is public; recorded as sent on the day of the referral (stand-in 2021-04-20). The reply recorded is the foreign-ministry spokesman's public statement (day taken as 2021-04-22); no formal answer is public."),
            by: on("2021-04-20"))
        try store.addReply(Reply(
            requestReference: jaxaRequest, date: date("2021-04-22"), fromAuthority: "CN-MFA", kind: .premiseRejected,
            summary: "China said it was \"not aware\" of the matter and opposed using cyber issues to \"throw mud at China\".",
            classification: .restricted),
            by: on("2021-04-22"))
    }

    /// "4 cases, 4 requests, 3 replies and 1 engagement".
    static func summary(of store: ComityStore) throws(ComityError) -> String {
        let requests = try store.requests()
        var replies = 0
        for r in requests { replies += try store.replies(to: r.reference).count }
        return "\(try store.cases().count) cases, \(requests.count) requests, \(replies) replies and \(try store.engagements().count) engagement(s)"
    }

    static func date(_ iso: String) -> CalendarDate {
        // The demo's dates are literals checked by its tests.
        try! CalendarDate(iso: iso)
    }

    static func reported(_ iso: String) -> ReportedDate {
        try! ReportedDate(iso: iso)
    }
}
