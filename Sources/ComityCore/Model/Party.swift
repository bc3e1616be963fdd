import Foundation

/// A state, identified by its ISO 3166-1 alpha-2 code.
public struct Party: Hashable, Codable, Sendable {
    public var code: String
    public var name: String
    /// The name a formal letter uses, e.g. "People's Republic of China".
    public var formalName: String
    /// The formal name in Japanese letters, e.g. 中華人民共和国.
    public var nameJa: String?

    public init(code: String, name: String, formalName: String, nameJa: String? = nil) {
        self.code = code
        self.name = name
        self.formalName = formalName
        self.nameJa = nameJa
    }

    /// A party with the ISO names for `code`, which must be a real ISO 3166-1 alpha-2 code.
    public init(code: String, name: String? = nil, formalName: String? = nil, nameJa: String? = nil) throws(ValidationFailure) {
        let upper = try Party.validCode(code)
        let iso = CountryCodes.names(for: upper)!
        self.init(code: upper, name: name ?? iso.short, formalName: formalName ?? iso.formal, nameJa: nameJa ?? CountryCodes.japaneseNames[upper])
    }

    /// The code in upper case, or a failure naming the code and how to find the right one.
    public static func validCode(_ code: String) throws(ValidationFailure) -> String {
        let upper = code.uppercased()
        guard upper.count == 2, CountryCodes.names(for: upper) != nil else {
            throw ValidationFailure("'\(printable(code))' is not an ISO 3166-1 alpha-2 country code; use two letters such as JP, CN or US")
        }
        return upper
    }
}

/// An office of a party that sends, receives or handles requests.
public struct Authority: Hashable, Codable, Sendable {
    /// A short handle such as `JP-NPA`.
    public var id: String
    public var party: String
    public var name: String
    public var role: AuthorityRole
    /// Its name in Japanese letters.
    public var nameJa: String?
    /// Where it sits, for the place line of a letter ("Beijing").
    public var city: String?
    /// For an embassy or liaison: the state it is posted to.
    public var postedTo: String?
    /// Who heads it, for the address and signature of letters: "Minister for Foreign Affairs",
    /// "Koichiro Gemba"; in Japanese 外務大臣, 玄葉光一郎.
    public var head: Head

    public init(id: String, party: String, name: String, role: AuthorityRole, nameJa: String? = nil, city: String? = nil, postedTo: String? = nil,
                head: Head = Head()) {
        self.id = id
        self.party = party
        self.name = name
        self.role = role
        self.nameJa = nameJa
        self.city = city
        self.postedTo = postedTo
        self.head = head
    }

    /// The title and name of an authority's head, each also in Japanese; any may be unknown.
    public struct Head: Hashable, Codable, Sendable {
        public var title: String?
        public var name: String?
        public var titleJa: String?
        public var nameJa: String?

        public init(title: String? = nil, name: String? = nil, titleJa: String? = nil, nameJa: String? = nil) {
            self.title = title
            self.name = name
            self.titleJa = titleJa
            self.nameJa = nameJa
        }
    }
}

extension Authority.Head {
    /// "Minister for Foreign Affairs Koichiro Gemba (外務大臣 玄葉光一郎)", or "none recorded".
    public var summary: String {
        let english = [title, name].compactMap { $0 }.joined(separator: " ")
        let japanese = [titleJa, nameJa].compactMap { $0 }.joined(separator: " ")
        switch (english.isEmpty, japanese.isEmpty) {
        case (true, true): return "none recorded"
        case (false, true): return english
        case (true, false): return japanese
        case (false, false): return "\(english) (\(japanese))"
        }
    }
}
