@_spi(Worlds) import Comity
import GRDB

/// Parties, authorities, embassies, legal bases, holidays and engagements of a synthetic world.
extension SyntheticBuilder {
    static let capitals: [String: String] = [
        "US": "Washington", "CN": "Beijing", "GB": "London", "DE": "Berlin", "FR": "Paris", "JP": "Tokyo", "RU": "Moscow",
        "IN": "New Delhi", "BR": "Brasília", "KR": "Seoul", "IT": "Rome", "ES": "Madrid", "CA": "Ottawa", "AU": "Canberra",
        "NL": "The Hague", "CH": "Bern", "SG": "Singapore", "HK": "Hong Kong", "TR": "Ankara", "MX": "Mexico City",
        "ID": "Jakarta", "VN": "Hanoi", "TH": "Bangkok", "PH": "Manila", "MY": "Kuala Lumpur", "UA": "Kyiv", "PL": "Warsaw",
        "SE": "Stockholm", "BE": "Brussels", "AT": "Vienna", "NG": "Abuja", "ZA": "Pretoria", "AE": "Abu Dhabi",
        "SA": "Riyadh", "IL": "Jerusalem", "AR": "Buenos Aires",
    ]

    mutating func registry() throws {
        let majors = SyntheticCatalogue.majorParties
        let others = CountryCodes.table.keys.filter { !majors.contains($0) }.sorted()
        parties = Array((majors + others).prefix(190))
        let party = try db.makeStatement(sql: "INSERT INTO party (code, name, formal_name) VALUES (?, ?, ?)")
        let translation = try db.makeStatement(sql: "INSERT INTO translation (subject, subject_id, field, lang, value) VALUES (?, ?, ?, ?, ?)")
        let authority = try db.makeStatement(sql: """
            INSERT INTO authority (id, party, name, role, city, posted_to, head_title, head_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (rank, code) in parties.enumerated() {
            let (short, formal) = CountryCodes.names(for: code)!
            names[code] = short
            try party.execute(arguments: [code, short, formal])
            if let japanese = CountryCodes.japaneseNames[code] { try translation.execute(arguments: ["party", code, "name", "ja", japanese]) }
            try log(.party, code, .created, on: start)
            let city = Self.capitals[code] ?? short
            for (suffix, name, role, head) in [
                ("MOJ", "Ministry of Justice of \(formal)", AuthorityRole.centralAuthority, "Minister of Justice"),
                ("POL", "National Police of \(formal)", .police, "Commissioner of the National Police"),
                ("MFA", "Ministry of Foreign Affairs of \(formal)", .foreignMinistry, "Minister of Foreign Affairs"),
                ("247", "24/7 Cybercrime Contact Point of \(formal)", .contactPoint, "Head of the 24/7 Contact Point"),
                ("NCB", "INTERPOL National Central Bureau of \(formal)", .interpolBureau, "Head of the National Central Bureau"),
            ] {
                let id = "\(code)-\(suffix)"
                try authority.execute(arguments: [id, code, name, role.rawValue, city, nil, head, SyntheticCatalogue.headName(for: id)])
                try log(.authority, "\(code)-\(suffix)", .created, on: start)
                summary.authorities += 1
            }
            // Skewed activity: a few states carry most of the traffic.
            counterpartWeights.append(1 / Double(rank + 2).squareRoot() / Double(rank + 2).squareRoot().squareRoot())
        }
        summary.parties = parties.count
        // The desk's own state sends every request we send, and receives the others.
        try db.execute(sql: "INSERT INTO setting (channel, key, value) VALUES ('*', ?, ?)", arguments: [StoredSetting.ourStateKey, world.ours])
        try log(.settings, "settings", .settings, on: start, note: "\(StoredSetting.ourStateKey) for every channel: default → \(world.ours)")
        requesters = [world.ours]
        for ours in requesters {
            for theirs in majors.prefix(24) where theirs != ours {
                let id = "\(ours)-EMB-\(theirs)"
                try authority.execute(arguments: [
                    id, ours, "Embassy of \(CountryCodes.names(for: ours)!.formal) in \(CountryCodes.names(for: theirs)!.formal)",
                    AuthorityRole.embassy.rawValue, Self.capitals[theirs] ?? names[theirs]!, theirs,
                    "Ambassador of \(CountryCodes.names(for: ours)!.formal) to \(CountryCodes.names(for: theirs)!.formal)",
                    SyntheticCatalogue.headName(for: id),
                ])
                embassies.insert("\(ours)-\(theirs)")
                summary.authorities += 1
            }
        }
        try bases()
        try holidays()
        try engagements()
    }

    private mutating func bases() throws {
        let basis = try db.makeStatement(sql: """
            INSERT INTO legal_basis (id, instrument, kind, response_days, response_unit, note) VALUES (?, ?, ?, ?, ?, '')
            """)
        let member = try db.makeStatement(sql: "INSERT INTO basis_party (basis_id, party, from_date) VALUES (?, ?, ?)")
        try basis.execute(arguments: ["BUDAPEST", "Convention on Cybercrime", LegalBasisKind.convention.rawValue, 60, "calendar"])
        try basis.execute(arguments: ["UNTOC", "United Nations Convention against Transnational Organized Crime",
                                      LegalBasisKind.convention.rawValue, nil, nil])
        summary.bases = 2
        for (rank, code) in parties.enumerated() {
            if rank % 3 != 1 || rank < 40 {
                budapest.insert(code)
                try member.execute(arguments: ["BUDAPEST", code, "2004-07-01"])
            }
            try member.execute(arguments: ["UNTOC", code, "2003-09-29"])
        }
        let majors = Array(SyntheticCatalogue.majorParties.prefix(16))
        for (i, a) in majors.enumerated() {
            for b in majors[(i + 1)...] where rng.chance(0.35) {
                let id = "MLAT-\(a)-\(b)"
                let days = rng.pick([30, 45, 60, 90])
                let unit = rng.chance(0.3) ? "working" : "calendar"
                try basis.execute(arguments: [
                    id, "Treaty between \(names[a]!) and \(names[b]!) on Mutual Legal Assistance in Criminal Matters",
                    LegalBasisKind.bilateralTreaty.rawValue, days, unit,
                ])
                let inForce = start.adding(days: -rng.int(0...3000))
                try member.execute(arguments: [id, a, inForce])
                try member.execute(arguments: [id, b, inForce])
                treaties["\(a)-\(b)"] = id
                treaties["\(b)-\(a)"] = id
                summary.bases += 1
            }
        }
        for id in ["BUDAPEST", "UNTOC"] + Set(treaties.values).sorted() { try log(.basis, id, .created, on: start) }
    }

    private mutating func holidays() throws {
        let holiday = try db.makeStatement(sql: "INSERT INTO holiday (party, date, name, working_day) VALUES (?, ?, ?, 0)")
        for code in parties.prefix(30) where code != "JP" {
            let national = (rng.int(1...12), rng.int(1...28))
            for year in start.year...(world.today.year + 1) {
                try holiday.execute(arguments: [code, try CalendarDate(year: year, month: 1, day: 1), "New Year's Day"])
                try holiday.execute(arguments: [code, try CalendarDate(year: year, month: national.0, day: national.1), "National Day"])
                summary.holidays += 2
            }
        }
    }

    private mutating func engagements() throws {
        let engagement = try db.makeStatement(sql: """
            INSERT INTO engagement (id, counterpart, start_date, end_date, level, title, place, note) VALUES (?, ?, ?, ?, ?, ?, ?, '')
            """)
        let titles: [EngagementLevel: String] = [
            .leaders: "Leaders' summit with", .ministerial: "Justice ministers' meeting with",
            .seniorOfficials: "Senior officials' consultations with", .working: "Working-level talks with",
        ]
        for code in parties.prefix(40) {
            var day = start.adding(days: rng.int(0...200))
            var n = 0
            while day <= world.today.adding(days: 180) {
                n += 1
                let level = rng.pick([(EngagementLevel.working, 4.0), (.seniorOfficials, 3), (.ministerial, 2), (.leaders, 1)])
                let id = "ENG-\(code)-\(day.year)-\(n)"
                try engagement.execute(arguments: [
                    id, code, day, day.adding(days: rng.int(0...2)), level.rawValue, "\(titles[level]!) \(names[code]!)",
                    rng.chance(0.5) ? Self.capitals[code] ?? names[code]! : "Tokyo",
                ])
                // The calendar of meetings is entered when the desk is set up, so a report as
                // recorded on any later day knows every meeting the report as of that day does.
                try log(.engagement, id, .created, on: start)
                summary.engagements += 1
                day = day.adding(days: rng.gap(mean: 150, minimum: 20))
            }
        }
    }
}
