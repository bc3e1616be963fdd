@_spi(Worlds) import Comity
/// The words a synthetic world is made of: offences, what is asked, what counterparts say.
enum SyntheticCatalogue {
    struct Offence {
        var name: String
        var title: String
        var subjects: [String]
        var items: [String]
        var cyber: Bool
    }

    static let offences: [Offence] = [
        Offence(name: "Unauthorised computer access", title: "Intrusion into", subjects: [
            "Tracing the servers used in the intrusion", "Subscriber data behind the attacking IP addresses",
            "Preservation and production of server logs",
        ], items: [
            "Identify the servers used in the attack", "Preserve and produce the access logs",
            "Identify the subscribers of the listed IP addresses",
        ], cyber: true),
        Offence(name: "Computer fraud", title: "Online fraud against customers of", subjects: [
            "Account holders behind the fraudulent transfers", "Records of the payment accounts used",
        ], items: [
            "Produce the account opening records", "Freeze the balances of the listed accounts",
            "Identify the persons who withdrew the funds",
        ], cyber: true),
        Offence(name: "Ransomware extortion", title: "Ransomware attack on", subjects: [
            "Infrastructure of the ransomware group", "Cryptocurrency wallets receiving the ransom",
        ], items: [
            "Seize the command-and-control servers", "Trace the wallets named in the annex",
            "Question the suspected operator",
        ], cyber: true),
        Offence(name: "Money laundering", title: "Laundering of proceeds through", subjects: [
            "Bank records of the companies named in the annex", "Beneficial owners of the shell companies",
        ], items: [
            "Produce the bank statements for 2010–2014", "Identify the beneficial owners",
            "Restrain the assets pending confiscation",
        ], cyber: false),
        Offence(name: "Bribery of a foreign public official", title: "Bribes paid by", subjects: [
            "Payments to the officials named in the annex", "Evidence from the intermediary company",
        ], items: [
            "Take a witness statement from the intermediary", "Produce the contracts and invoices",
        ], cyber: false),
        Offence(name: "Drug trafficking", title: "Shipments of methamphetamine through", subjects: [
            "The consignors of the intercepted containers", "Telephone records of the suspects",
        ], items: [
            "Identify the consignor of the containers", "Produce call records for the listed numbers",
            "Question the suspect held in custody",
        ], cyber: false),
        Offence(name: "Child sexual exploitation", title: "Abuse material distributed through", subjects: [
            "Account data of the distribution platform", "Identification of the victims",
        ], items: [
            "Preserve the platform accounts", "Produce subscriber and login data",
        ], cyber: true),
        Offence(name: "Theft of trade secrets", title: "Theft of designs from", subjects: [
            "The recipients of the stolen designs", "Search of the suspect's premises",
        ], items: [
            "Search the premises and seize the devices", "Question the former employee",
        ], cyber: true),
    ]

    static let targets = [
        "a defence manufacturer", "a national pension service", "a space agency", "a regional bank",
        "a shipping line", "a hospital group", "a telecommunications operator", "a power utility",
        "a university", "a ministry network", "an exchange operator", "a car maker",
    ]

    static func summary(_ kind: ReplyKind) -> String {
        switch kind {
        case .acknowledgement: return "Request received and registered"
        case .nonCommittal: return "Will contact the relevant authorities"
        case .interimStatus: return "Enquiries are continuing"
        case .supplementRequest: return "Please explain the link between the suspect and the accounts"
        case .partialResults: return "Part of the records are enclosed"
        case .fullResults: return "The requested evidence is enclosed"
        case .postponement: return "Execution postponed pending domestic proceedings"
        case .conditionalOffer: return "Can assist if the evidence is not used for other offences"
        case .refusal: return "The request cannot be executed"
        case .premiseRejected: return "Our authorities were not involved in any such activity"
        }
    }

    /// States that deal with most requests, most frequent first, for skewed choices.
    static let majorParties = [
        "US", "CN", "GB", "DE", "FR", "JP", "RU", "IN", "BR", "KR", "IT", "ES", "CA", "AU", "NL", "CH", "SG", "HK",
        "TR", "MX", "ID", "VN", "TH", "PH", "MY", "UA", "PL", "SE", "BE", "AT", "NG", "ZA", "AE", "SA", "IL", "AR",
    ]

    /// A made-up name for the head of authority `id`, the same for the same id whatever the
    /// seed (it draws nothing from the world's generator, so the rest of the world is unchanged).
    static func headName(for id: String) -> String {
        let given = ["Alex", "Sam", "Robin", "Kim", "Jordan", "Noor", "Yuki", "Ana", "Lee", "Mika", "Ravi", "Elena"]
        let family = ["Morgan", "Sato", "Novak", "Okafor", "Silva", "Haddad", "Lindqvist", "Chen", "Kowalski", "Moreau", "Park", "Rossi", "Tanaka"]
        let n = id.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF }
        return "\(given[n % given.count]) \(family[(n / given.count) % family.count])"
    }
}
